//! `config.toml`: which data to open, the language, mouse, map mode, and the `[theme]` / `[keys]`
//! tables (kept as located string entries; their meaning is checked by the code that uses them).
//!
//! Lookup: `--config PATH`, else `./kredskort.toml`, else `$XDG_CONFIG_HOME/kredskort/config.toml`
//! (`$HOME/.config/kredskort/config.toml` when XDG_CONFIG_HOME is unset), else built-in defaults with
//! the embedded dataset. A `./config.toml` is never looked up: in a Cargo or Python project it is
//! another program's, and reading it stopped every command and hid the user's own config. Data files on the command line (`--data`, positional) replace the configured
//! ones; `--locale` overrides the file (the dashboard applies its own `--no-mouse`). Errors are
//! located and rendered exactly like data-file errors (same diagnostic module, unknown keys with
//! hints).

pub mod apply;

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::data::convert::{self, Cx, kind};
use crate::data::diagnostic::{Diagnostic, Problem, Snippet, SourceMap, did_you_mean};
use crate::data::load::{LoadError, parse_toml, read_text};
use crate::files::non_regular_kind;
use crate::locale::Locale;
use crate::text::sanitize_line;

/// A bad config file: the same located diagnostics as a bad data file.
pub type ConfigError = LoadError;

/// Where a dataset comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The dataset built into the binary.
    Embedded,
    File(PathBuf),
}

impl DataSource {
    /// Loads it.
    pub fn load(&self) -> Result<crate::data::Dataset, LoadError> {
        match self {
            DataSource::Embedded => crate::data::load_str(
                crate::data::load::embedded_text(),
                crate::data::EMBEDDED_NAME,
                None,
            ),
            DataSource::File(p) => crate::data::load_file(p),
        }
    }

    /// How to name it in messages.
    pub fn name(&self) -> String {
        match self {
            DataSource::Embedded => crate::data::EMBEDDED_NAME.to_string(),
            DataSource::File(p) => crate::data::load::display_path(p),
        }
    }
}

/// The map pane's mode: `map = "outline" | "tiles"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapMode {
    Outline,
    Tiles,
}

/// One `name = "value"` of `[theme]` or `[keys]`, with where it was written, so the code that gives
/// it meaning can report `path:line:col` via [`ConfigEntry::error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigEntry {
    pub key: String,
    pub value: String,
    pub key_at: Snippet,
    pub value_at: Snippet,
}

impl ConfigEntry {
    /// A located error about this entry's value, rendered like every other diagnostic.
    pub fn error(&self, message: impl Into<String>, hint: Option<String>) -> Diagnostic {
        Diagnostic {
            origin: self.value_at.path.clone(),
            message: message.into(),
            at: Some(self.value_at.clone()),
            hint,
            notes: Vec::new(),
        }
    }

    /// A located error about this entry's key (an unknown action or colour name).
    pub fn key_error(&self, message: impl Into<String>, hint: Option<String>) -> Diagnostic {
        Diagnostic {
            at: Some(self.key_at.clone()),
            ..self.error(message, hint)
        }
    }
}

/// Everything the commands need from configuration and command line together.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// At least one.
    pub data_sources: Vec<DataSource>,
    pub locale: Locale,
    pub mouse: bool,
    /// `None`: the app decides (outline where the data has geometry).
    pub map_mode: Option<MapMode>,
    pub theme_entries: Vec<ConfigEntry>,
    pub key_entries: Vec<ConfigEntry>,
    /// The config file used, if any.
    pub config_path: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data_sources: vec![DataSource::Embedded],
            locale: Locale::Da,
            mouse: true,
            map_mode: None,
            theme_entries: Vec::new(),
            key_entries: Vec::new(),
            config_path: None,
        }
    }
}

/// The config file looked up in the working directory.
pub const LOCAL_CONFIG: &str = "kredskort.toml";

/// The environment the lookup depends on (injectable for tests).
#[derive(Debug, Clone, Default)]
pub struct LookupEnv {
    pub cwd: Option<PathBuf>,
    pub xdg_config_home: Option<PathBuf>,
    pub home: Option<PathBuf>,
}

impl LookupEnv {
    /// The real process environment.
    pub fn from_process() -> Self {
        let non_empty =
            |v: Option<std::ffi::OsString>| v.filter(|s| !s.is_empty()).map(PathBuf::from);
        LookupEnv {
            cwd: std::env::current_dir().ok(),
            xdg_config_home: non_empty(std::env::var_os("XDG_CONFIG_HOME")),
            home: non_empty(std::env::var_os("HOME")),
        }
    }

    /// The config file to use when none is given: the first that exists of `./kredskort.toml` (a
    /// name that says whose it is) and the user's `kredskort/config.toml` under the XDG config home.
    pub fn find(&self) -> Option<PathBuf> {
        let mut candidates = Vec::new();
        if let Some(cwd) = &self.cwd {
            candidates.push(cwd.join(LOCAL_CONFIG));
        }
        // The XDG spec says relative values are invalid and to be ignored.
        match self.xdg_config_home.as_ref().filter(|p| p.is_absolute()) {
            Some(x) => candidates.push(x.join("kredskort").join("config.toml")),
            None => {
                if let Some(h) = &self.home {
                    candidates.push(h.join(".config").join("kredskort").join("config.toml"));
                }
            }
        }
        // The first that exists at all: one that is not a regular file (a FIFO) is then refused
        // with a message when read, not passed over in silence.
        candidates
            .into_iter()
            .find(|p| std::fs::metadata(p).is_ok())
    }
}

/// What the command line says for every command, which wins over the config file: `--config`,
/// `--data` (repeatable) and `--locale`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub data: Vec<PathBuf>,
    pub locale: Option<Locale>,
}

/// Settings for a command: config lookup, the file, then command-line overrides.
pub fn resolve(global: &Overrides, positional: &[PathBuf]) -> Result<Settings, ConfigError> {
    resolve_in(global, positional, &LookupEnv::from_process())
}

/// [`resolve`] with an explicit environment.
pub fn resolve_in(
    global: &Overrides,
    positional: &[PathBuf],
    env: &LookupEnv,
) -> Result<Settings, ConfigError> {
    resolve_partial_in(global, positional, env).and_then(settled)
}

/// Settings read with their problems, as one result: the settings only when there were none.
fn settled((settings, problems): (Settings, Option<ConfigError>)) -> Result<Settings, ConfigError> {
    match problems {
        Some(e) => Err(e),
        None => Ok(settings),
    }
}

/// [`resolve`], but a config file with errors still gives the settings read from its parts that are
/// right (`[theme]` and `[keys]` entries included), next to the error, so a caller can check those
/// tables too and report every problem of the file in one run. `Err` only when the file cannot be
/// read at all.
pub fn resolve_partial(
    global: &Overrides,
    positional: &[PathBuf],
) -> Result<(Settings, Option<ConfigError>), ConfigError> {
    resolve_partial_in(global, positional, &LookupEnv::from_process())
}

/// [`resolve_partial`] with an explicit environment.
pub fn resolve_partial_in(
    global: &Overrides,
    positional: &[PathBuf],
    env: &LookupEnv,
) -> Result<(Settings, Option<ConfigError>), ConfigError> {
    let path = match &global.config {
        Some(p) => Some(p.clone()),
        None => env.find(),
    };
    let files: Vec<PathBuf> = global.data.iter().chain(positional).cloned().collect();
    // Data files on the command line replace the configured ones, so a configured file that is gone
    // is then no reason to fail.
    let (mut settings, problems) = match &path {
        Some(p) => load_config(p, files.is_empty())?,
        None => (Settings::default(), None),
    };
    if !files.is_empty() {
        settings.data_sources = files.into_iter().map(DataSource::File).collect();
    }
    if let Some(l) = global.locale {
        settings.locale = l;
    }
    Ok((settings, problems))
}

/// Reads and checks one config file.
pub fn load_config_file(path: &Path) -> Result<Settings, ConfigError> {
    load_config(path, true).and_then(settled)
}

/// How a config file is named in messages: the path as given, display-safe.
pub fn origin_of(path: &Path) -> String {
    crate::data::load::display_path(path)
}

/// Reads one config file: `Err` when it cannot be read, else the settings and the problems found.
fn load_config(
    path: &Path,
    check_data: bool,
) -> Result<(Settings, Option<ConfigError>), ConfigError> {
    let text = read_text(path)?;
    let base = path.parent().map(Path::to_path_buf);
    let origin = origin_of(path);
    Ok(parse_config_with(
        &text,
        &origin,
        base.as_deref(),
        Some(path),
        check_data,
    ))
}

pub const CONFIG_KEYS: &[&str] = &["data", "locale", "mouse", "map", "theme", "keys"];

/// Parses a config text. Relative `data` paths are resolved from `base_dir` (the config file's
/// directory).
pub fn parse_config(
    text: &str,
    origin: &str,
    base_dir: Option<&Path>,
    config_path: Option<&Path>,
) -> Result<Settings, ConfigError> {
    settled(parse_config_with(text, origin, base_dir, config_path, true))
}

/// [`parse_config`], keeping what was read when there are problems; `check_data`: whether `data`
/// files must exist (not when the command line replaces them).
fn parse_config_with(
    text: &str,
    origin: &str,
    base_dir: Option<&Path>,
    config_path: Option<&Path>,
    check_data: bool,
) -> (Settings, Option<ConfigError>) {
    let mut cx = Cx::new(0);
    let root = parse_toml(text, &mut cx);
    let mut settings = Settings {
        config_path: config_path.map(Path::to_path_buf),
        ..Settings::default()
    };
    let map = SourceMap::new(text, origin);
    for (k, v) in root.iter() {
        match k.get_ref().as_ref() {
            "data" => {
                if let Some(sources) = data_paths(&mut cx, v, base_dir, check_data) {
                    settings.data_sources = sources;
                }
            }
            "locale" => {
                if let Some(s) = convert::string(&mut cx, v, "locale") {
                    match s.value.parse::<Locale>() {
                        Ok(l) => settings.locale = l,
                        Err(_) => cx.push(
                            Problem::new(
                                s.span,
                                format!("unknown locale \"{}\"", sanitize_line(&s.value)),
                            )
                            .label("not a supported language")
                            .hint(
                                did_you_mean(&s.value, ["da", "en"]).unwrap_or_else(|| {
                                    "use \"da\" (Danish) or \"en\" (English)".into()
                                }),
                            ),
                        ),
                    }
                }
            }
            "mouse" => match v.get_ref() {
                DeValue::Boolean(b) => settings.mouse = *b,
                other => {
                    let hint = match other {
                        DeValue::String(s)
                            if s.eq_ignore_ascii_case("true")
                                || s.eq_ignore_ascii_case("false") =>
                        {
                            format!(
                                "write it without quotes: mouse = {}",
                                s.to_ascii_lowercase()
                            )
                        }
                        _ => "write mouse = true or mouse = false".to_string(),
                    };
                    cx.push(
                        Problem::new(
                            v.span(),
                            format!("`mouse` must be true or false, not {}", kind(other)),
                        )
                        .label("not a boolean")
                        .hint(hint),
                    );
                }
            },
            "map" => {
                if let Some(s) = convert::string(&mut cx, v, "map") {
                    match s.value.as_str() {
                        "outline" => settings.map_mode = Some(MapMode::Outline),
                        "tiles" => settings.map_mode = Some(MapMode::Tiles),
                        other => cx.push(
                            Problem::new(
                                s.span,
                                format!("unknown map mode \"{}\"", sanitize_line(other)),
                            )
                            .label("not a map mode")
                            .hint(
                                did_you_mean(other, ["outline", "tiles"])
                                    .unwrap_or_else(|| "use \"outline\" or \"tiles\"".into()),
                            ),
                        ),
                    }
                }
            }
            "theme" => settings.theme_entries = string_table(&mut cx, &map, v, "theme"),
            "keys" => settings.key_entries = string_table(&mut cx, &map, v, "keys"),
            _ => {
                // Named by the file it is in: `--config` can name any file.
                convert::unknown_key(&mut cx, k, origin, CONFIG_KEYS, &root);
            }
        }
    }
    let problems = (!cx.problems.is_empty()).then(|| LoadError {
        origin: origin.to_string(),
        diagnostics: map.resolve_all(cx.problems),
    });
    (settings, problems)
}

fn data_paths(
    cx: &mut Cx,
    v: &Spanned<DeValue<'_>>,
    base_dir: Option<&Path>,
    check_data: bool,
) -> Option<Vec<DataSource>> {
    let resolve = |p: &str| -> PathBuf {
        let p = Path::new(p);
        match base_dir {
            Some(b) if p.is_relative() => b.join(p),
            _ => p.to_path_buf(),
        }
    };
    let mut entries: Vec<(String, Range<usize>)> = Vec::new();
    match v.get_ref() {
        DeValue::String(s) => entries.push((s.to_string(), v.span())),
        DeValue::Array(items) => {
            if items.is_empty() {
                cx.push(
                    Problem::new(v.span(), "`data` is an empty list")
                        .label("no files")
                        .hint("name at least one data file, or leave `data` out to use the built-in dataset"),
                );
                return None;
            }
            for item in items.iter() {
                if let Some(s) = convert::string(cx, item, "each entry of `data`") {
                    entries.push((s.value, s.span));
                }
            }
        }
        other => {
            cx.push(
                Problem::new(
                    v.span(),
                    format!(
                        "`data` must be a path or a list of paths, not {}",
                        kind(other)
                    ),
                )
                .label("not a path")
                .hint(
                    "write data = \"assets/forebyggelse-2014.toml\" (relative to this config file)",
                ),
            );
            return None;
        }
    }
    let mut out = Vec::new();
    for (p, span) in entries {
        if p.trim().is_empty() {
            cx.push(
                Problem::new(span, "empty data path")
                    .label("empty")
                    .hint("write the path of a .toml data file"),
            );
            continue;
        }
        let full = resolve(&p);
        let kind = std::fs::metadata(&full).map(|m| non_regular_kind(m.file_type()));
        if check_data && !matches!(kind, Ok(None)) {
            let what = match kind {
                Ok(Some("a directory")) => "is a directory, not a file".to_string(),
                Ok(Some(kind)) => format!("is {kind}, not a regular file"),
                _ => "does not exist".to_string(),
            };
            cx.push(
                Problem::new(
                    span,
                    format!(
                        "data file {} {what}",
                        sanitize_line(&full.display().to_string())
                    ),
                )
                .label("no such data file")
                .hint("relative paths in a config file are resolved from its directory"),
            );
            continue;
        }
        out.push(DataSource::File(full));
    }
    Some(out).filter(|o: &Vec<DataSource>| !o.is_empty())
}

/// A table of `name = "string"` entries, kept with their places.
fn string_table(
    cx: &mut Cx,
    map: &SourceMap<'_>,
    v: &Spanned<DeValue<'_>>,
    name: &str,
) -> Vec<ConfigEntry> {
    let DeValue::Table(t) = v.get_ref() else {
        cx.push(
            Problem::new(
                v.span(),
                format!(
                    "`{name}` must be a table ([{name}]), not {}",
                    kind(v.get_ref())
                ),
            )
            .label("not a table")
            .hint(format!(
                "write a [{name}] section with name = \"value\" lines"
            )),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, val) in iter_table(t) {
        match val.get_ref() {
            DeValue::String(s) => out.push(ConfigEntry {
                key: sanitize_line(k.get_ref()),
                value: sanitize_line(s),
                key_at: map.snippet(&k.span(), None),
                value_at: map.snippet(&val.span(), None),
            }),
            other => cx.push(
                Problem::new(
                    val.span(),
                    format!(
                        "[{name}] `{}` must be a string, not {}",
                        sanitize_line(k.get_ref()),
                        kind(other)
                    ),
                )
                .label("not a string")
                .hint(if name == "theme" {
                    "write a colour name or #rrggbb in quotes: accent = \"#3b82f6\"".to_string()
                } else {
                    "write a key name in quotes: quit = \"q\"".to_string()
                }),
            ),
        }
    }
    // In file order, so later code reports them in the order a reader sees them.
    out.sort_by_key(|e| (e.key_at.line, e.key_at.col));
    out
}

fn iter_table<'a, 'i>(
    t: &'a DeTable<'i>,
) -> impl Iterator<
    Item = (
        &'a Spanned<std::borrow::Cow<'i, str>>,
        &'a Spanned<DeValue<'i>>,
    ),
> {
    t.iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> LoadError {
        parse_config(text, "config.toml", None, None).unwrap_err()
    }

    #[test]
    fn defaults_without_a_file() {
        let s = parse_config("", "config.toml", None, None).unwrap();
        assert_eq!(s.data_sources, vec![DataSource::Embedded]);
        assert_eq!(s.locale, Locale::Da);
        assert!(s.mouse);
        assert_eq!(s.map_mode, None);
    }

    #[test]
    fn reads_every_key() {
        let s = parse_config(
            "locale = \"en\"\nmouse = false\nmap = \"tiles\"\n[theme]\naccent = \"#3b82f6\"\n[keys]\nquit = \"x\"\n",
            "config.toml",
            None,
            None,
        )
        .unwrap();
        assert_eq!(s.locale, Locale::En);
        assert!(!s.mouse);
        assert_eq!(s.map_mode, Some(MapMode::Tiles));
        assert_eq!(s.theme_entries.len(), 1);
        assert_eq!(s.theme_entries[0].key, "accent");
        assert_eq!(s.theme_entries[0].value_at.line, 5);
        assert_eq!(s.theme_entries[0].value_at.col, 10);
        assert_eq!(s.key_entries[0].value, "x");
        let d = s.key_entries[0].error("unknown key name", None);
        assert_eq!(d.one_line(), "config.toml:7:8: unknown key name");
    }

    #[test]
    fn unknown_keys_get_hints() {
        let e = err("locael = \"en\"\n");
        assert_eq!(e.first_location(), Some(("config.toml", 1, 1)));
        assert_eq!(
            e.diagnostics[0].hint.as_deref(),
            Some("did you mean `locale`?")
        );
    }

    #[test]
    fn bad_values_are_located() {
        let e = err("locale = \"de\"\nmouse = \"yes\"\nmap = \"outlne\"\n[theme]\naccent = 5\n");
        let lines: Vec<String> = e.diagnostics.iter().map(|d| d.one_line()).collect();
        assert_eq!(
            lines,
            vec![
                "config.toml:1:10: unknown locale \"de\"",
                "config.toml:2:9: `mouse` must be true or false, not a string",
                "config.toml:3:7: unknown map mode \"outlne\"",
                "config.toml:5:10: [theme] `accent` must be a string, not an integer",
            ]
        );
        assert_eq!(
            e.diagnostics[2].hint.as_deref(),
            Some("did you mean \"outline\"?")
        );
    }
}

#[cfg(test)]
mod shipped {
    use super::*;

    #[test]
    fn the_shipped_config_parses_and_points_at_the_dataset() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let s = load_config_file(&dir.join("config.toml")).unwrap();
        assert_eq!(
            s.data_sources,
            vec![DataSource::File(
                dir.join("assets").join("forebyggelse-2014.toml")
            )]
        );
        assert_eq!(s.locale, Locale::Da);
        assert!(s.mouse);
        assert_eq!(s.map_mode, None);
        let ds = s.data_sources[0].load().unwrap();
        assert_eq!(ds.projects.len(), 6);
    }
}
