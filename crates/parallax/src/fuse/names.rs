//! Names as language: folding spellings and transliterations to comparable
//! keys, and telling when two names cannot be one person.
