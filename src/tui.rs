//! The terminal app (SPEC §5): a home screen of drafts, then the walk through the LKE one
//! question at a time with the live index, and a review of the draft.
//!
//! Data flows one way: a key goes through the key table ([`keymap`]) to an [`Action`];
//! [`update`] changes the [`Model`] without any I/O and may return an [`Effect`]; the loop in
//! [`app`] carries out effects (open, create, save, quit, reopen) and draws [`views`] from
//! the model. Everything but `app` runs without a terminal, which is what the tests use.

pub mod action;
pub mod app;
pub mod keymap;
pub mod model;
pub mod review;
pub mod theme;
pub mod update;
pub mod views;
mod wrap;

pub use action::{Action, Effect};
pub use app::run;
pub use model::{Model, Session};
pub use update::update;
