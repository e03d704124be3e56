//! One module per subcommand.

pub mod alerts;
pub mod audit;
pub mod cases;
pub mod compare;
pub mod eval;
pub mod export;
pub mod keys;
pub mod lists;
pub mod rescreen;
pub mod screen;
pub mod serve;
pub mod text;
pub mod update;
