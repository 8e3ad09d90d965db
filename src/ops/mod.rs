//! Operations: one function per command, taking typed options and returning typed data or an
//! error. Front ends (the command line today) parse, call these and render; nothing here prints.

pub mod actions;
pub mod edit;
pub mod hooks;
pub mod publish;
pub mod rename;
pub mod roster;
