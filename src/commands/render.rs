//! `kredskort render`: one screen, headless. The keys go through the same keymap and `App::update`
//! as in the live dashboard; the frame is drawn once into ratatui's `TestBackend` and printed as plain
//! text (no escape sequences, trailing spaces trimmed) or, with `--color`, with ANSI SGR sequences.

use std::fmt::Write as _;
use std::process::ExitCode;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::app::tabs::Workspace;
use crate::app::{App, Effect, Msg};
use crate::commands::cli::{GlobalArgs, RenderArgs};
use crate::commands::dashboard::{settings_from_args, workspace_from};
use crate::input::keymap::parse_key_sequence;
use crate::text;
use crate::ui;

pub fn run(global: &GlobalArgs, args: &RenderArgs) -> ExitCode {
    let settings = match settings_from_args(global, &args.display, &args.files) {
        Ok(s) => s,
        Err(report) => {
            super::write_stderr(&format!("{report}\n"));
            return ExitCode::FAILURE;
        }
    };
    let keys = match parse_key_sequence(&args.keys) {
        Ok(k) => k,
        Err(e) => {
            super::write_stderr(&format!("kredskort render: --keys: {e}\n"));
            return ExitCode::from(2);
        }
    };
    // Several data files render as tabs, as in the dashboard.
    let mut ws = match workspace_from(&settings, args.size) {
        Ok(ws) => ws,
        Err(report) => {
            super::write_stderr(&format!("{report}\n"));
            return ExitCode::FAILURE;
        }
    };
    'keys: for key in keys {
        for effect in ws.update(key).effects {
            match effect {
                Effect::Quit => break 'keys,
                // Render draws and does nothing else: the export key's file is not written.
                Effect::Export { .. } => {
                    let _ = ws.update(Msg::ExportDeclined);
                }
                Effect::Reload(_) => {}
            }
        }
    }
    match super::write_stdout(workspace_screen(&ws, args.color).as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            super::write_stderr(&format!("{e}\n"));
            ExitCode::FAILURE
        }
    }
}

/// The workspace's screen (tab bar and active tab) as text or ANSI.
pub fn workspace_screen(ws: &Workspace, color: bool) -> String {
    let (w, h) = ws.size();
    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    ui::tabbar::render_workspace(buf.area, &mut buf, ws);
    if color { to_ansi(&buf) } else { to_plain(&buf) }
}

/// Draws the app once at its size and returns the screen as text.
pub fn screen(app: &App, color: bool) -> String {
    let buf = draw_buffer(app);
    if color { to_ansi(&buf) } else { to_plain(&buf) }
}

/// Draws the app once into a fresh buffer of its size.
pub fn draw_buffer(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    ui::render(buf.area, &mut buf, app);
    buf
}

/// Through a real `Terminal<TestBackend>`, as the live loop draws (used by tests to prove both agree).
pub fn draw_terminal(app: &App) -> Option<Buffer> {
    let (w, h) = app.size();
    let mut term = Terminal::new(TestBackend::new(w, h)).ok()?;
    term.draw(|f| ui::draw(f, app)).ok()?;
    Some(term.backend().buffer().clone())
}

/// The cells of each row as strings, skipping the cells hidden behind wide characters.
fn rows(buf: &Buffer) -> impl Iterator<Item = Vec<(&str, Style)>> + '_ {
    let a = buf.area;
    (a.top()..a.bottom()).map(move |y| {
        let mut row = Vec::with_capacity(usize::from(a.width));
        let mut x = a.left();
        while x < a.right() {
            let Some(cell) = buf.cell((x, y)) else { break };
            let sym = cell.symbol();
            row.push((sym, cell.style()));
            x += u16::try_from(text::width(sym).max(1)).unwrap_or(1);
        }
        row
    })
}

/// The screen as plain text: one line per row, trailing spaces trimmed.
pub fn to_plain(buf: &Buffer) -> String {
    let mut out = String::new();
    for row in rows(buf) {
        let line: String = row.iter().map(|(s, _)| *s).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn sgr_colour(out: &mut String, c: Color, fg: bool) {
    let (base, bright) = if fg { (30, 90) } else { (40, 100) };
    let code = match c {
        Color::Reset => return,
        Color::Black => base,
        Color::Red => base + 1,
        Color::Green => base + 2,
        Color::Yellow => base + 3,
        Color::Blue => base + 4,
        Color::Magenta => base + 5,
        Color::Cyan => base + 6,
        Color::Gray => base + 7,
        Color::DarkGray => bright,
        Color::LightRed => bright + 1,
        Color::LightGreen => bright + 2,
        Color::LightYellow => bright + 3,
        Color::LightBlue => bright + 4,
        Color::LightMagenta => bright + 5,
        Color::LightCyan => bright + 6,
        Color::White => bright + 7,
        Color::Indexed(i) => {
            let _ = write!(out, ";{};5;{i}", base + 8);
            return;
        }
        Color::Rgb(r, g, b) => {
            let _ = write!(out, ";{};2;{r};{g};{b}", base + 8);
            return;
        }
    };
    let _ = write!(out, ";{code}");
}

fn sgr(style: Style) -> String {
    let mut s = String::from("\x1b[0");
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ] {
        if m.contains(flag) {
            let _ = write!(s, ";{code}");
        }
    }
    if let Some(fg) = style.fg {
        sgr_colour(&mut s, fg, true);
    }
    if let Some(bg) = style.bg {
        sgr_colour(&mut s, bg, false);
    }
    s.push('m');
    s
}

fn is_plain(style: Style) -> bool {
    matches!(style.fg, None | Some(Color::Reset))
        && matches!(style.bg, None | Some(Color::Reset))
        && style.add_modifier.is_empty()
}

/// The screen with ANSI SGR sequences for colours and modifiers; every line ends reset.
pub fn to_ansi(buf: &Buffer) -> String {
    let mut out = String::new();
    for row in rows(buf) {
        // Trailing default-styled blanks are dropped, as in plain output.
        let keep = row
            .iter()
            .rposition(|(s, st)| !(s.trim().is_empty() && is_plain(*st)))
            .map_or(0, |i| i + 1);
        let mut current = Style::default();
        for (sym, style) in &row[..keep] {
            let style = Style {
                underline_color: None,
                sub_modifier: Modifier::empty(),
                ..*style
            };
            if style != current {
                out.push_str(&sgr(style));
                current = style;
            }
            out.push_str(sym);
        }
        if !is_plain(current) {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}
