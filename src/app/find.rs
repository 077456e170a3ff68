//! Find (`/`, `n`, `N`): the prompt, its results as one types, and stepping through the hits of the
//! last search. `Esc` puts the screen back exactly as it was.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::screen::figures;
use crate::search::{MAX_QUERY_CHARS, Target};

/// How many hits the prompt's result list keeps.
pub const RESULT_LIMIT: usize = 50;

/// Where the screen was before `/`, so `Esc` restores it exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub stack: Vec<Level>,
    pub selected: usize,
    pub bars_offset: usize,
    pub map_offset: (u16, u16),
}

/// The open search prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPrompt {
    pub query: String,
    pub hits: Vec<Hit>,
    /// Number of targets matched in all (the list is limited to [`RESULT_LIMIT`]).
    pub total: usize,
    /// The highlighted row of the result list.
    pub selected: usize,
    pub saved: Saved,
    /// A key was typed past the longest query searched ([`MAX_QUERY_CHARS`]) and left out.
    pub full: bool,
}

/// Whether a character key with these modifiers is text for the prompt: a plain or shifted key
/// (`Key` has already folded Shift into the character). Alt+x and Ctrl+x are commands, never text;
/// Ctrl+Alt with a character that is not an ASCII letter or digit is AltGr as Windows reports it
/// (`@`, `€`, `{` on a Danish keyboard), which is text.
fn typed_text(mods: KeyModifiers, c: char) -> bool {
    if c.is_control() {
        return false;
    }
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    mods.is_empty() || (mods == altgr && !c.is_ascii_alphanumeric())
}

impl App {
    pub(super) fn open_search(&mut self) {
        let saved = Saved {
            stack: self.stack.clone(),
            selected: self.selected,
            bars_offset: self.bars_offset,
            map_offset: self.map_offset,
        };
        self.mode = Mode::Search(SearchPrompt {
            query: String::new(),
            hits: Vec::new(),
            total: 0,
            selected: 0,
            saved,
            full: false,
        });
        self.touch();
    }

    pub(super) fn search_key(&mut self, key: Key) -> bool {
        let Mode::Search(mut prompt) = self.mode.clone() else {
            return false;
        };
        let ctrl = key.mods.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                let s = prompt.saved;
                self.stack = s.stack;
                self.selected = s.selected;
                self.bars_offset = s.bars_offset;
                self.map_offset = s.map_offset;
                self.mode = Mode::Normal;
                self.touch();
                return true;
            }
            KeyCode::Char('c') if ctrl => {
                self.request(Effect::Quit);
                return true;
            }
            // The index is still being built (the box says so): the prompt stays open, and the
            // query runs when it arrives, rather than answering "no match" for a search that
            // never ran.
            KeyCode::Enter if self.search_pending && !prompt.query.is_empty() => return true,
            KeyCode::Enter => {
                self.mode = Mode::Normal;
                let hits = prompt.hits;
                if hits.is_empty() {
                    self.set_status(crate::i18n::tools(self.locale).no_hits);
                    return true;
                }
                let pos = prompt.selected.min(hits.len() - 1);
                self.hits = hits;
                self.hit_pos = pos;
                self.jump_to_hit(pos);
                self.touch();
                return true;
            }
            KeyCode::Up => prompt.selected = prompt.selected.saturating_sub(1),
            KeyCode::Down => {
                prompt.selected = (prompt.selected + 1).min(prompt.hits.len().saturating_sub(1));
            }
            KeyCode::Backspace => {
                prompt.full = false;
                prompt.query.pop();
                self.run_query(&mut prompt);
            }
            // A query is searched by its first characters only, so typing (or pasting) past them
            // adds nothing: the prompt says so, and a keystroke stays as cheap as any.
            KeyCode::Char(c) if typed_text(key.mods, c) => {
                if prompt.query.chars().count() >= MAX_QUERY_CHARS {
                    prompt.full = true;
                } else {
                    prompt.query.push(c);
                    self.run_query(&mut prompt);
                }
            }
            _ => return false,
        }
        self.mode = Mode::Search(prompt);
        self.touch();
        true
    }

    pub(super) fn run_query(&self, prompt: &mut SearchPrompt) {
        let r = self
            .search_index
            .query_with_limit(&prompt.query, RESULT_LIMIT);
        prompt.hits = r.hits;
        prompt.total = r.total;
        prompt.selected = 0;
    }

    pub(super) fn step_hit(&mut self, forward: bool) {
        let n = self.hits.len();
        if n == 0 {
            self.set_status(crate::i18n::tools(self.locale).no_search);
            return;
        }
        self.hit_pos = if forward {
            (self.hit_pos + 1) % n
        } else {
            (self.hit_pos + n - 1) % n
        };
        self.jump_to_hit(self.hit_pos);
        let msg = format!(
            "{}/{}: {}",
            self.hit_pos + 1,
            n,
            self.hits[self.hit_pos].describe(&self.data, self.locale)
        );
        self.set_status(msg);
    }

    /// Shows a hit: a district is selected (the drill-down follows), a project is selected in its
    /// district and opened.
    pub(super) fn jump_to_hit(&mut self, pos: usize) {
        let Some(hit) = self.hits.get(pos).copied() else {
            return;
        };
        match hit.target {
            Target::District(d) => {
                if d < self.data.districts.len() {
                    self.stack.truncate(1);
                    self.selected = d;
                }
            }
            Target::Project(p) => {
                let Some(project) = self.data.projects.get(p) else {
                    return;
                };
                let d = project.district;
                // A project the filter hides cannot be shown: clear the filter first.
                if !figures::project_visible(project, &self.options) {
                    self.options.theme_filter = None;
                    self.rebuild_view();
                }
                let list = self.visible_projects(d);
                let row = list.iter().position(|&q| q == p).unwrap_or(0);
                self.selected = d;
                self.stack.truncate(1);
                self.stack.push(Level {
                    view: View::District {
                        district: d,
                        selected: row,
                        offset: 0,
                    },
                    focus: Focus::Detail,
                });
                self.stack.push(Level {
                    view: View::Project {
                        project: p,
                        scroll: 0,
                    },
                    focus: Focus::Detail,
                });
            }
        }
    }

    /// Whether keys go to a text prompt (the search) instead of the keymap.
    pub fn input_captured(&self) -> bool {
        !self.help && matches!(self.mode, Mode::Search(_))
    }
}
