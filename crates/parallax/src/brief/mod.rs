//! Stage `brief`: fused records → one brief per story.
