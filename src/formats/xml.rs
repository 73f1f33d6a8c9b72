//! A small reader of XML into elements, for KML and GPX: each element with
//! its local name (no namespace prefix), attributes, text and children, and
//! where it starts in the file, so that messages can say line and column.
//!
//! Entities are never expanded beyond XML's five and character references:
//! a file that declares its own (a "billion laughs" file among them) is
//! refused before anything is read.

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::cause::XmlCause;

/// One element of the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    /// The local name: `Track` for `gx:Track`.
    pub name: String,
    /// Attributes by local name, in the order written.
    pub attributes: Vec<(String, String)>,
    /// The text directly inside, entities and CDATA resolved.
    pub text: String,
    pub children: Vec<Element>,
    /// Byte offset of the element's `<` in the file.
    pub at: usize,
}

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child named `name`, when not empty.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }

    /// The attribute named `name`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A refusal, with the byte offset it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlError {
    pub at: usize,
    pub cause: XmlCause,
}

/// Reads the whole document into its root element.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|error| XmlError {
            at: reader.error_position() as usize,
            cause: XmlCause::Syntax(error.to_string()),
        })?;
        match event {
            Event::DocType(doctype) => {
                let declared = String::from_utf8_lossy(&doctype);
                if declared.contains("<!ENTITY") {
                    return Err(XmlError {
                        at,
                        cause: XmlCause::Entities,
                    });
                }
            }
            Event::Start(start) => stack.push(element(&start, at)?),
            Event::Empty(start) => {
                let done = element(&start, at)?;
                close(&mut stack, &mut root, done);
            }
            Event::End(_) => {
                if let Some(done) = stack.pop() {
                    close(&mut stack, &mut root, done);
                }
            }
            Event::Text(text) => {
                if let Some(open) = stack.last_mut() {
                    let piece = text.decode().map_err(|e| XmlError {
                        at,
                        cause: XmlCause::Syntax(e.to_string()),
                    })?;
                    open.text.push_str(&piece);
                }
            }
            Event::CData(data) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&String::from_utf8_lossy(&data));
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = entity(&reference).ok_or_else(|| XmlError {
                    at,
                    cause: XmlCause::UnknownEntity(String::from_utf8_lossy(&reference).into()),
                })?;
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if let Some(open) = stack.first() {
        return Err(XmlError {
            at: open.at,
            cause: XmlCause::Unclosed(open.name.clone()),
        });
    }
    root.ok_or(XmlError {
        at: 0,
        cause: XmlCause::NoElement,
    })
}

/// Refuses a document that declares entities of its own, looking only at
/// what comes before its first element, for readers that would otherwise
/// be handed it whole.
pub fn guard(text: &str) -> Result<(), XmlError> {
    let mut reader = Reader::from_str(text);
    loop {
        let at = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::DocType(doctype)) => {
                if String::from_utf8_lossy(&doctype).contains("<!ENTITY") {
                    return Err(XmlError {
                        at,
                        cause: XmlCause::Entities,
                    });
                }
            }
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::Text(_)) => {}
            // The document's own reader says what else is wrong.
            _ => return Ok(()),
        }
    }
}

/// Puts a finished element into its parent, or makes it the root.
fn close(stack: &mut [Element], root: &mut Option<Element>, done: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(done),
        None => {
            if root.is_none() {
                *root = Some(done);
            }
        }
    }
}

fn element(start: &BytesStart, at: usize) -> Result<Element, XmlError> {
    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| XmlError {
            at,
            cause: XmlCause::Syntax(e.to_string()),
        })?;
        let key = String::from_utf8_lossy(attribute.key.local_name().as_ref()).into_owned();
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| XmlError {
                at,
                cause: XmlCause::Syntax(e.to_string()),
            })?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        at,
        ..Element::default()
    })
}

/// XML's own entities and character references; `None` for any other.
fn entity(reference: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = reference.decode().ok()?;
    quick_xml::escape::resolve_xml_entity(&name).map(str::to_owned)
}

/// Line and column (both from 1, the column in characters) of byte `at`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_text_and_entities() {
        let root = parse(
            "<?xml version=\"1.0\"?>\n<kml xmlns:gx=\"x\"><gx:Track id=\"t&amp;1\"><when>A &amp; B&#33;</when><x/><![CDATA[<b>]]></gx:Track></kml>",
        )
        .unwrap();
        assert_eq!(root.name, "kml");
        let track = &root.children[0];
        assert_eq!(track.name, "Track");
        assert_eq!(track.attribute("id"), Some("t&1"));
        assert_eq!(track.text_of("when"), Some("A & B!"));
        assert_eq!(track.text, "<b>");
        assert_eq!(line_column("ab\ncdé", 6), (2, 4));
        assert_eq!(track.at, 40);
    }

    #[test]
    fn declared_entities_are_refused_before_reading() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<kml>&lol2;</kml>";
        let error = parse(laughs).unwrap_err();
        assert_eq!(error.cause, XmlCause::Entities);
        assert_eq!(line_column(laughs, error.at), (2, 1));
        // An entity used without being declared is named.
        let error = parse("<kml>&lol;</kml>").unwrap_err();
        assert_eq!(error.cause, XmlCause::UnknownEntity("lol".into()));
    }

    #[test]
    fn broken_documents_say_where() {
        let text = "<kml>\n  <Placemark>\n</kml>";
        let error = parse(text).unwrap_err();
        assert!(matches!(error.cause, XmlCause::Syntax(_)), "{error:?}");
        assert_eq!(line_column(text, error.at).0, 3);
        let error = parse("<kml><Placemark>").unwrap_err();
        assert_eq!(error.cause, XmlCause::Unclosed("kml".into()));
        assert_eq!(parse("  ").unwrap_err().cause, XmlCause::NoElement);
    }
}
