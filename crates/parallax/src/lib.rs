//! Parallax: many news reports of the same events in, one cross-checked
//! account of each out.
//!
//! The pipeline is a one-way flow of pure stages (see `ARCHITECTURE.md`):
//! [`ingest`] → [`text`] → [`extract`] → [`fuse`] → [`brief`] → [`render`].
//! Each stage is a function of the records of the stage before it
//! ([`model`]). The library reads no files and never prints: front ends pass
//! it bytes and take its output.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod brief;
pub mod extract;
pub mod fuse;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod text;
