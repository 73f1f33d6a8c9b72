// The packer (src/web/page/packer.rs): packs the text of a file the page
// reads as it arrives, on another thread, with the page's own wasm module.
// In the page this script gives `troopmapPacker(module)`, which starts
// this same script as a worker and sends it the module, compiled; in the
// worker it answers each piece of the file with the frames of its blocks
// packed, the file's end (an empty message) with the rest, and anything
// that fails with 0, in order.
(function () {
  "use strict";
  if (self.document) {
    var url = document.currentScript.src;
    self.troopmapPacker = function (module) {
      var worker = new Worker(url), frames = [], sent = 1, answered = 0, failed, wake, timer;
      var check = function () {
        clearTimeout(timer);
        if (!wake) return;
        if (failed || answered >= sent) return wake();
        // The file has ended: a worker silent for ten seconds has failed.
        timer = setTimeout(fail, 10000);
      };
      var fail = function () {
        failed = true;
        frames.push(0);
        check();
      };
      worker.onmessage = function (event) {
        if (!event.data) return fail();
        frames.push(event.data);
        answered++;
        check();
      };
      worker.onerror = fail;
      try {
        worker.postMessage(module);
      } catch (e) {
        worker.terminate();
        throw e;
      }
      return {
        // A piece the page has read: moved to the worker, not copied.
        send: function (piece) {
          try {
            worker.postMessage(piece, [piece.buffer]);
            sent++;
          } catch (e) {
            fail();
          }
        },
        // The next frames answered, in order (0 for a failure; undefined
        // when none is waiting).
        take: function () {
          return frames.shift();
        },
        // The file's end: settles once all is answered, or it failed.
        end: function () {
          worker.postMessage(null);
          sent++;
          return new Promise(function (resolve) {
            wake = resolve;
            check();
          });
        },
        stop: function () {
          clearTimeout(timer);
          worker.terminate();
        },
      };
    };
  } else {
    var wasm;
    self.onmessage = function (event) {
      var data = event.data, imports = {}, frames = 0;
      try {
        if (data instanceof WebAssembly.Module) {
          // Packing calls nothing of the page's: any call is a fault.
          WebAssembly.Module.imports(data).forEach(function (i) {
            (imports[i.module] = imports[i.module] || {})[i.name] = function () {
              throw Error(i.name);
            };
          });
          wasm = new WebAssembly.Instance(data, imports).exports;
        } else if (data) {
          // The room first: making it may grow the memory (a new buffer).
          var room = wasm.troopmap_pack_room(data.length);
          new Uint8Array(wasm.memory.buffer, room, data.length).set(data);
        }
        var length = wasm.troopmap_pack(data ? 0 : 1);
        var at = wasm.troopmap_pack_frames();
        frames = new Uint8Array(wasm.memory.buffer, at, length).slice();
      } catch (e) {
        frames = 0;
      }
      postMessage(frames, frames ? [frames.buffer] : []);
    };
  }
})();
