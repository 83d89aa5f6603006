//! A serde deserializer over a parsed JSON value: the browser's (`JSON.parse`'s `JsValue`)
//! in the app, serde_json's `Value` in the unit tests, each seen through [`Source`].
//!
//! Its errors never print a float or escape a string: serde's default wording of what it
//! found uses the standard library's `f64` formatting (9.5 KB of wasm) and its `Debug` of
//! strings, for messages no reader needs word for word.

use serde::de::{self, value::MapAccessDeserializer, DeserializeSeed, IntoDeserializer, Visitor};
use std::fmt;

/// A JSON value as the deserializer sees it.
pub(super) enum Kind<S> {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<S>),
    Object(Vec<(String, S)>),
}

/// A parsed JSON value.
pub(super) trait Source: Sized {
    fn kind(self) -> Kind<Self>;
}

pub(super) struct Reader<S>(Kind<S>);

impl<S: Source> Reader<S> {
    pub(super) fn new(value: S) -> Self {
        Self(value.kind())
    }
}

#[derive(Debug, PartialEq)]
pub(super) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self(format!(
            "invalid type: {}, expected {expected}",
            Shown(unexpected)
        ))
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self(format!(
            "invalid value: {}, expected {expected}",
            Shown(unexpected)
        ))
    }
}

/// What was found, as serde words it, except a float ("a number") and a string (quoted
/// as it is, not escaped).
struct Shown<'a>(de::Unexpected<'a>);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            de::Unexpected::Float(_) => f.write_str("a number"),
            de::Unexpected::Str(text) => write!(f, "string \"{text}\""),
            other => other.fmt(f),
        }
    }
}

/// JavaScript's largest integer that every number below it is exact to.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl<'de, S: Source> de::Deserializer<'de> for Reader<S> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(yes) => visitor.visit_bool(yes),
            // Whole numbers as integers, as serde_json reads them.
            Kind::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => match n >= 0.0 {
                true => visitor.visit_u64(n as u64),
                false => visitor.visit_i64(n as i64),
            },
            Kind::Number(n) => visitor.visit_f64(n),
            Kind::Text(text) => visitor.visit_string(text),
            Kind::List(items) => visitor.visit_seq(Items(items.into_iter())),
            Kind::Object(members) => visitor.visit_map(Members::new(members)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Kind::Null => visitor.visit_none(),
            kind => visitor.visit_some(Reader(kind)),
        }
    }

    /// A variant without data as its name; one with data as an object of one member.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Kind::Text(name) => visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(name)),
            Kind::Object(members) => visitor.visit_enum(MapAccessDeserializer::new(Members::new(members))),
            _ => Err(de::Error::invalid_type(
                de::Unexpected::Other("neither a name nor an object"),
                &visitor,
            )),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct Items<S>(std::vec::IntoIter<S>);

impl<'de, S: Source> de::SeqAccess<'de> for Items<S> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(Reader::new(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<S> {
    members: std::vec::IntoIter<(String, S)>,
    value: Option<S>,
}

impl<S> Members<S> {
    fn new(members: Vec<(String, S)>) -> Self {
        Self {
            members: members.into_iter(),
            value: None,
        }
    }
}

impl<'de, S: Source> de::MapAccess<'de> for Members<S> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(IntoDeserializer::<Error>::into_deserializer(key))
            .map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Reader::new(value)),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// What `JSON.parse` makes: strings, booleans, numbers, arrays, objects and null.
#[cfg(target_arch = "wasm32")]
impl Source for wasm_bindgen::JsValue {
    fn kind(self) -> Kind<Self> {
        use js_sys::{Array, Object};
        use wasm_bindgen::JsCast;
        if let Some(text) = self.as_string() {
            Kind::Text(text)
        } else if let Some(yes) = self.as_bool() {
            Kind::Bool(yes)
        } else if let Some(n) = self.as_f64() {
            Kind::Number(n)
        } else if Array::is_array(&self) {
            Kind::List(Array::from(&self).iter().collect())
        } else if self.is_object() {
            let entries = Object::entries(self.unchecked_ref());
            let members = entries.iter().map(|entry| {
                let pair = Array::from(&entry);
                (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
            });
            Kind::Object(members.collect())
        } else {
            Kind::Null
        }
    }
}

/// serde_json's parsed values, for native builds: numbers as the browser has them.
#[cfg(not(target_arch = "wasm32"))]
impl Source for serde_json::Value {
    fn kind(self) -> Kind<Self> {
        use serde_json::Value;
        match self {
            Value::Null => Kind::Null,
            Value::Bool(yes) => Kind::Bool(yes),
            Value::Number(n) => Kind::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(text) => Kind::Text(text),
            Value::Array(items) => Kind::List(items),
            Value::Object(members) => Kind::Object(members.into_iter().collect()),
        }
    }
}
