//! Key bindings as data: a table key → action, the names of keys (`q`, `C-c`, `<Enter>`, `S-Tab`) and
//! their parser and formatter. The help overlay and the key-hint line are generated from the table;
//! `render --keys` and a config `[keys]` table parse key names with the same functions.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::input::action::{Action, Dir};

/// A key with its modifiers, normalised so that equal presses compare equal: a character carries no
/// Shift (it is already `G` or `?`), and Shift-Tab is `BackTab` without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mut code = code;
        match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                code = KeyCode::BackTab;
                mods.remove(KeyModifiers::SHIFT);
            }
            _ => {}
        }
        Key { code, mods }
    }

    pub fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    pub fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub fn ctrl(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// The key of a terminal key event; `None` for releases (only presses and repeats act).
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        match ev.kind {
            KeyEventKind::Press | KeyEventKind::Repeat => Some(Key::new(ev.code, ev.modifiers)),
            KeyEventKind::Release => None,
        }
    }
}

/// Special keys by name, as written between `<` and `>`. The first name of a code is the canonical one.
const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Backspace", KeyCode::Backspace),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
    ("lt", KeyCode::Char('<')),
    ("Return", KeyCode::Enter),
    ("CR", KeyCode::Enter),
    ("Escape", KeyCode::Esc),
    ("BS", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
];

const HINT: &str = "write keys as text plus <Enter> <Esc> <Tab> <BackTab> <Space> <Up> <Down> <Left> \
<Right> <Backspace> <Delete> <Insert> <Home> <End> <PageUp> <PageDown> <F1>..<F24>, modifiers as <C-c> \
<A-x> <S-Tab>, and a literal < as <lt>";

/// What [`parse_key_sequence`] accepts, for `render --keys --help` (a test parses every form in it
/// and checks that it names every key name the parser knows).
pub const SEQUENCE_HELP: &str =
    "Keys to type first, as one string. Each character is a key (a space too,
as <Space>); a key name in angle brackets is one key:
  <Enter> <Esc> <Tab> <BackTab> <Space> <Backspace> <Delete> <Insert>
  <Up> <Down> <Left> <Right> <Home> <End> <PageUp> <PageDown> <F1> ... <F24>
  <lt> types a literal \"<\"
Modifiers go inside the brackets: <C-x> is Ctrl-x, <A-x> (or <M-x>) Alt-x,
<S-Tab> the same as <BackTab>; for example <C-c> quits.
Names ignore case; <Return> <CR> <Escape> <BS> <Del> <PgUp> <PgDn> work too.
Example: 'm<Right><Enter>'";

/// The short form of [`SEQUENCE_HELP`] (`render -h`).
pub const SEQUENCE_HELP_SHORT: &str =
    "Keys to type first: text, and <Enter> <Space> <S-Tab> <C-x> … in brackets (--help lists all)";

/// A key name that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub input: String,
    pub problem: String,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad key \"{}\": {}\n  hint: {HINT}",
            self.input, self.problem
        )
    }
}

impl std::error::Error for KeyError {}

fn err(input: &str, problem: impl Into<String>) -> KeyError {
    KeyError {
        input: input.to_string(),
        problem: problem.into(),
    }
}

/// Parses one key name: `q`, `?`, `C-c`, `<C-c>`, `<Enter>`, `Enter`, `S-Tab`, `<F5>`, `<Space>`.
pub fn parse_key(name: &str) -> Result<Key, KeyError> {
    let inner = match name.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        Some(inner) if !inner.is_empty() => inner,
        _ => name,
    };
    if inner.is_empty() {
        return Err(err(name, "empty key name"));
    }
    let mut mods = KeyModifiers::NONE;
    let mut rest = inner;
    // Modifier prefixes; a lone "-" or "C-" followed by nothing is a key, not a modifier.
    loop {
        let mut chars = rest.chars();
        match (chars.next(), chars.next(), chars.as_str()) {
            (Some(m), Some('-'), tail) if !tail.is_empty() => {
                match m.to_ascii_uppercase() {
                    'C' => mods |= KeyModifiers::CONTROL,
                    'A' | 'M' => mods |= KeyModifiers::ALT,
                    'S' => mods |= KeyModifiers::SHIFT,
                    _ => {
                        return Err(err(
                            name,
                            format!("unknown modifier \"{m}-\" (use C-, A- or S-)"),
                        ));
                    }
                }
                rest = tail;
            }
            _ => break,
        }
    }
    let mut chars = rest.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(Key::new(KeyCode::Char(c), mods));
    }
    if let Some(n) = rest
        .strip_prefix(['F', 'f'])
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=24).contains(n))
    {
        return Ok(Key::new(KeyCode::F(n), mods));
    }
    NAMED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(rest))
        .map(|&(_, code)| Key::new(code, mods))
        .ok_or_else(|| err(name, format!("unknown key name \"{rest}\"")))
}

/// Parses a typed key sequence: plain text, with special keys in angle brackets
/// (`ab<Enter><C-c>`). A `<` that does not start a key name is an error (write `<lt>`).
pub fn parse_key_sequence(text: &str) -> Result<Vec<Key>, KeyError> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let Some(end) = rest.find('>') else {
                return Err(err(rest, "a \"<\" without its closing \">\""));
            };
            let group = &rest[..=end];
            if group.len() <= 2 {
                return Err(err(group, "empty key name"));
            }
            keys.push(parse_key(group)?);
            rest = &rest[end + 1..];
        } else {
            keys.push(Key::char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(keys)
}

/// The canonical name of a key: `q`, `C-c`, `<Enter>`, `S-Tab`, `<Space>`. Round-trips through
/// [`parse_key`].
pub fn format_key(key: Key) -> String {
    let mut prefix = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        prefix.push_str("C-");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        prefix.push_str("A-");
    }
    if key.mods.contains(KeyModifiers::SHIFT) {
        prefix.push_str("S-");
    }
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char('<') => "lt".to_string(),
        KeyCode::Char(c) => {
            return format!("{prefix}{c}");
        }
        KeyCode::BackTab if prefix.is_empty() => return "S-Tab".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, c)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(n, _)| (*n).to_string()),
    };
    if prefix.is_empty() {
        format!("<{base}>")
    } else {
        format!("{prefix}{base}")
    }
}

/// The bindings: an ordered table, so the help overlay lists keys in a stable order.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<(Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        use KeyCode as K;
        let p = Key::plain;
        let c = Key::char;
        Keymap {
            bindings: vec![
                (p(K::Up), Action::Move(Dir::Up)),
                (c('k'), Action::Move(Dir::Up)),
                (p(K::Down), Action::Move(Dir::Down)),
                (c('j'), Action::Move(Dir::Down)),
                (p(K::Left), Action::Move(Dir::Left)),
                (c('h'), Action::Move(Dir::Left)),
                (p(K::Right), Action::Move(Dir::Right)),
                (c('l'), Action::Move(Dir::Right)),
                (p(K::Enter), Action::Enter),
                (p(K::Esc), Action::Back),
                (p(K::Backspace), Action::Back),
                (p(K::Tab), Action::FocusNext),
                (p(K::BackTab), Action::FocusPrev),
                (c('g'), Action::First),
                (p(K::Home), Action::First),
                (c('G'), Action::Last),
                (p(K::End), Action::Last),
                (p(K::PageUp), Action::PageUp),
                (p(K::PageDown), Action::PageDown),
                (c('/'), Action::Search),
                (c('n'), Action::NextHit),
                (c('N'), Action::PrevHit),
                (c('t'), Action::ThemeFilter),
                (c('u'), Action::CycleUnit),
                (c('s'), Action::CycleSort),
                (c(' '), Action::Mark),
                (c('c'), Action::Compare),
                (c('e'), Action::Export),
                (c('r'), Action::Reload),
                (c('['), Action::PrevTab),
                (c(']'), Action::NextTab),
                (c('d'), Action::Change),
                (c('x'), Action::SwapRounds),
                (c('?'), Action::ToggleHelp),
                (c('m'), Action::ToggleMapMode),
                (c('z'), Action::ToggleZoom),
                (c('q'), Action::Quit),
                (Key::ctrl('c'), Action::Quit),
            ],
        }
    }
}

impl Keymap {
    /// The action bound to a key.
    pub fn action(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, a)| a)
    }

    /// The keys bound to an action, in table order.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|&(k, _)| k)
            .collect()
    }

    /// Rebinds `action` to exactly `keys` (as a config `[keys]` entry does): the action's old keys go,
    /// and each key leaves whatever action it had before.
    pub fn rebind(&mut self, action: Action, keys: &[Key]) {
        self.bindings
            .retain(|(k, a)| *a != action && !keys.contains(k));
        self.bindings.extend(keys.iter().map(|&k| (k, action)));
    }

    /// All bindings in table order.
    pub fn bindings(&self) -> &[(Key, Action)] {
        &self.bindings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_parse() {
        assert_eq!(parse_key("q").unwrap(), Key::char('q'));
        assert_eq!(parse_key("C-c").unwrap(), Key::ctrl('c'));
        assert_eq!(parse_key("<C-c>").unwrap(), Key::ctrl('c'));
        assert_eq!(parse_key("<Enter>").unwrap(), Key::plain(KeyCode::Enter));
        assert_eq!(parse_key("enter").unwrap(), Key::plain(KeyCode::Enter));
        assert_eq!(parse_key("S-Tab").unwrap(), Key::plain(KeyCode::BackTab));
        assert_eq!(
            parse_key("<BackTab>").unwrap(),
            Key::plain(KeyCode::BackTab)
        );
        assert_eq!(parse_key("<F5>").unwrap(), Key::plain(KeyCode::F(5)));
        assert_eq!(parse_key("-").unwrap(), Key::char('-'));
        assert_eq!(parse_key("C--").unwrap(), Key::ctrl('-'));
        assert_eq!(parse_key("<lt>").unwrap(), Key::char('<'));
        assert!(parse_key("<Entr>").is_err());
        assert!(parse_key("X-a").is_err());
        assert!(parse_key("").is_err());
    }

    #[test]
    fn formatted_names_round_trip() {
        for &(key, _) in Keymap::default().bindings() {
            let name = format_key(key);
            assert_eq!(parse_key(&name).unwrap(), key, "{name}");
        }
        assert_eq!(format_key(Key::ctrl('c')), "C-c");
        assert_eq!(format_key(Key::plain(KeyCode::Enter)), "<Enter>");
        assert_eq!(format_key(Key::plain(KeyCode::BackTab)), "S-Tab");
        assert_eq!(format_key(Key::char('G')), "G");
        assert_eq!(format_key(Key::char(' ')), "<Space>");
    }

    #[test]
    fn sequences_parse_with_clear_errors() {
        let keys = parse_key_sequence("ab<Enter><C-c>").unwrap();
        assert_eq!(
            keys,
            vec![
                Key::char('a'),
                Key::char('b'),
                Key::plain(KeyCode::Enter),
                Key::ctrl('c')
            ]
        );
        assert!(parse_key_sequence("").unwrap().is_empty());
        let e = parse_key_sequence("<Right><Rihgt>").unwrap_err();
        assert_eq!(e.input, "<Rihgt>");
        assert!(e.to_string().contains("hint:"), "{e}");
        assert!(parse_key_sequence("a<Enter").is_err());
        assert!(parse_key_sequence("<>").is_err());
    }

    /// Every `<…>` form in a help text.
    fn bracketed(help: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = help;
        while let Some(start) = rest.find('<') {
            let tail = &rest[start..];
            match tail[1..].find(['<', '>', ' ', '\n']) {
                Some(end) if tail.as_bytes()[end + 1] == b'>' => {
                    out.push(&tail[..end + 2]);
                    rest = &tail[end + 2..];
                }
                _ => rest = &tail[1..],
            }
        }
        out
    }

    #[test]
    fn the_sequence_help_documents_exactly_what_the_parser_takes() {
        let forms = bracketed(SEQUENCE_HELP);
        assert!(forms.len() > 20, "{forms:?}");
        for form in &forms {
            let keys = parse_key_sequence(form).unwrap_or_else(|e| panic!("{form}: {e}"));
            assert_eq!(keys.len(), 1, "{form}");
        }
        for form in bracketed(SEQUENCE_HELP_SHORT) {
            assert!(forms.contains(&form), "{form} only in the short help");
        }
        // Every name the parser knows is in the help, and the forms the reviewers missed.
        for (name, _) in NAMED {
            assert!(
                forms.contains(&&*format!("<{name}>")),
                "<{name}> undocumented"
            );
        }
        for form in [
            "<F1>", "<F24>", "<C-x>", "<A-x>", "<M-x>", "<S-Tab>", "<Space>",
        ] {
            assert!(forms.contains(&form), "{form} undocumented");
        }
        assert_eq!(
            parse_key_sequence("<S-Tab><C-x> <Space>").unwrap(),
            vec![
                Key::plain(KeyCode::BackTab),
                Key::ctrl('x'),
                Key::char(' '),
                Key::char(' ')
            ]
        );
        let example = SEQUENCE_HELP
            .split('\'')
            .nth(1)
            .expect("an example in quotes");
        assert_eq!(parse_key_sequence(example).unwrap().len(), 3, "{example}");
        // The error hint names the same forms.
        for form in ["<Space>", "<S-Tab>", "<C-c>", "<F24>", "<lt>", "<Delete>"] {
            assert!(HINT.contains(form), "{form} not in the hint");
        }
    }

    #[test]
    fn events_are_normalised() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted), Some(Key::char('G')));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            Key::from_event(&backtab),
            Some(Key::plain(KeyCode::BackTab))
        );
        let ctrl = KeyEvent::new(KeyCode::Char('C'), KeyModifiers::CONTROL);
        assert_eq!(
            Keymap::default().action(Key::from_event(&ctrl).unwrap()),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_bindable_action_has_a_default_key_and_rebinding_moves_keys() {
        let mut map = Keymap::default();
        for a in Action::BINDABLE {
            assert!(!map.keys_for(a).is_empty(), "{a:?} unbound");
        }
        map.rebind(Action::Move(Dir::Down), &[Key::char('n'), Key::char('k')]);
        assert_eq!(map.action(Key::char('k')), Some(Action::Move(Dir::Down)));
        assert_eq!(map.action(Key::char('j')), None);
        assert_eq!(
            map.keys_for(Action::Move(Dir::Up)),
            vec![Key::plain(KeyCode::Up)]
        );
    }
}
