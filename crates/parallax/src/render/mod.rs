//! Stage `render`: a brief → text, Markdown, JSON or HTML.
