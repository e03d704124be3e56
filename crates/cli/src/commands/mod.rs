pub mod compare;
pub mod eval;
pub mod export;
pub mod lists;
pub mod screen;
