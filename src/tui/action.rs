//! What a key means ([`Action`]) and what the loop must do about it ([`Effect`]).

use std::path::PathBuf;

use ratatui_textarea::Input;

/// One user intent. The key table turns keys into these; `update` is the only consumer.
/// Some are generic (`Up`, `Enter`) and take their meaning from the screen they arrive on.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PrevGroup,
    NextGroup,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    /// A printable character typed into a text field.
    Type(char),
    /// Text from the terminal's bracketed paste: never a key, so a pasted newline submits
    /// nothing.
    Paste(String),
    /// A key for the penjelasan / evidence editor.
    EditorKey(Input),
    /// Pick the option with this code (upper case).
    Choose(char),
    /// A digit that starts typing a number.
    Digit(char),
    NotApplicable,
    Clear,
    Edit,
    Flag,
    Undo,
    NextUnanswered,
    NextFlagged,
    Search,
    Jump,
    ScrollUp,
    ScrollDown,
    PageUp,
    PageDown,
    /// `r` on the walk: the review screen.
    Review,
    /// Ctrl-F: mark the draft final (after a confirmation).
    Finalize,
    Help,
    NewDraft,
    Refresh,
    /// `q`: back one level (walk → home, home → quit).
    Back,
    /// Ctrl-C: leave the app from anywhere (saving first).
    Quit,
    Yes,
    No,
    /// A key with no meaning here; the text names the key for the status line.
    Unbound(String),
}

/// Work with the outside world that `update` asks the loop to do. Results come back
/// through the `Model::on_*` methods.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Read the drafts in the data folder for the home screen.
    LoadHome,
    /// Open a draft (read it, its questionnaire, and take its lock).
    Open(PathBuf),
    /// Create a draft in the data folder, then open it.
    Create(NewDraft),
    /// Save the open draft now and go back home. `force` leaves even if the save fails.
    Close { force: bool },
    /// Save the open draft now and leave the app. `force` leaves even if the save fails.
    Quit { force: bool },
    /// Open the final draft for changes again: take its lock, read it again, and record
    /// the reopening (`Model::on_reopened`).
    Reopen,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewDraft {
    pub unit: String,
    pub period: String,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// An embedded questionnaire, by id.
    Embedded(String),
    /// A questionnaire file.
    File(PathBuf),
}
