//! Reading and writing a wasm module's sections, for the build's edits of the app's wasm
//! after wasm-bindgen (short_imports.rs, unused_classes.rs).

/// The module's sections, each as its id and body, in order.
pub(crate) fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>, String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut r = Reader { bytes: wasm, at: 8 };
    let mut out = Vec::new();
    while r.at < wasm.len() {
        let id = r.byte()?;
        let len = r.leb()? as usize;
        out.push((id, r.take(len)?));
    }
    Ok(out)
}

pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("the wasm ends early")?;
        self.at += 1;
        Ok(b)
    }

    pub(crate) fn leb(&mut self) -> Result<u64, String> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err("a number in the wasm is too long".into());
            }
        }
    }

    pub(crate) fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("the wasm ends early")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    pub(crate) fn name(&mut self) -> Result<&'a str, String> {
        let len = self.leb()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| "a name in the wasm is not UTF-8".into())
    }

    /// Skips what an import is: a function's type, a table, a memory, a global or a tag.
    pub(crate) fn import_desc(&mut self) -> Result<(), String> {
        match self.byte()? {
            0 => self.leb().map(drop),
            1 => {
                self.byte()?;
                self.limits()
            }
            2 => self.limits(),
            3 => self.take(2).map(drop),
            4 => {
                self.byte()?;
                self.leb().map(drop)
            }
            kind => Err(format!("an import of unknown kind {kind}")),
        }
    }

    fn limits(&mut self) -> Result<(), String> {
        let flags = self.leb()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

pub(crate) fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// `wasm` with the body of its section `id` (if it has one) replaced by what `edit` makes
/// of it; every other section as it was.
pub(crate) fn edit_section(
    wasm: &[u8],
    id: u8,
    mut edit: impl FnMut(&[u8]) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, String> {
    let mut edited = Vec::new();
    for (section, body) in sections(wasm)? {
        let body = match section == id {
            true => edit(body)?,
            false => body.to_vec(),
        };
        edited.push((section, body));
    }
    Ok(assemble(wasm, edited))
}

/// A module of `sections` (as [`sections`] gives them), after the 8-byte header `wasm` starts with.
pub(crate) fn assemble(header: &[u8], sections: impl IntoIterator<Item = (u8, Vec<u8>)>) -> Vec<u8> {
    let mut out = header[..8].to_vec();
    for (id, body) in sections {
        out.push(id);
        write_leb(&mut out, body.len() as u64);
        out.extend(body);
    }
    out
}
