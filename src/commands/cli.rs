//! The command line: what `kredskort --help` shows. Parsing only; each command lives in `commands/`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::locale::Locale;

#[derive(Debug, Parser)]
#[command(
    name = "kredskort",
    version,
    about = "Funding rounds in the terminal: district map, allocation bars, drill-down panes",
    long_about = "Funding rounds in the terminal: district map, allocation bars, drill-down panes.\n\n\
                  Without a command, opens the dashboard on the configured data (by default the \
                  built-in 2014 round of the Danish police's crime-prevention pool)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(flatten)]
    pub dashboard: DashboardArgs,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Data files to open in the dashboard, one tab each (same as repeated --data)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

impl Cli {
    /// Parses the process's arguments, or prints the error or help and exits (as `Cli::parse`).
    pub fn parse_or_exit() -> Cli {
        Cli::try_parse()
            .and_then(Cli::validated)
            .unwrap_or_else(|e| e.exit())
    }

    /// [`Cli::try_parse_from`] plus the checks clap cannot express.
    pub fn try_parse_checked<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        Cli::try_parse_from(args).and_then(Cli::validated)
    }

    /// The dashboard's own flags with a command (`kredskort --plain export`) are an error, not a
    /// flag that silently does nothing.
    fn validated(self) -> Result<Cli, clap::Error> {
        let Some(command) = &self.command else {
            return Ok(self);
        };
        let name = match command {
            Command::Check { .. } => "check",
            Command::Export(_) => "export",
            Command::Render(_) => "render",
            Command::Gen(_) => "gen",
            Command::Import(_) => "import",
        };
        let flag = if self.dashboard.no_mouse {
            "--no-mouse"
        } else if self.dashboard.display.plain {
            "--plain"
        } else {
            return Ok(self);
        };
        let hint = if flag == "--plain" && name == "render" {
            "; write it after the command: kredskort render --plain".to_string()
        } else {
            format!("; see kredskort {name} --help")
        };
        Err(Cli::command().error(
            clap::error::ErrorKind::ArgumentConflict,
            format!("{flag} is an option of the dashboard and does nothing for `{name}`{hint}"),
        ))
    }
}

/// Options every command takes (also after the command's name).
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// Configuration file (default: ./kredskort.toml, then $XDG_CONFIG_HOME/kredskort/config.toml)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Data file to use instead of the configured one; repeat to open several
    #[arg(long = "data", global = true, value_name = "FILE")]
    pub data: Vec<PathBuf>,

    /// Language of the UI and number format: da or en
    #[arg(long, global = true, value_name = "da|en", value_parser = parse_locale)]
    pub locale: Option<Locale>,
}

impl GlobalArgs {
    /// The options as the config resolution takes them.
    pub fn overrides(&self) -> crate::config::Overrides {
        crate::config::Overrides {
            config: self.config.clone(),
            data: self.data.clone(),
            locale: self.locale,
        }
    }
}

/// The dashboard's own options (no command).
#[derive(Debug, Clone, Default, Args)]
pub struct DashboardArgs {
    /// Do not capture the mouse, so that the terminal's own text selection works
    #[arg(long)]
    pub no_mouse: bool,

    #[command(flatten)]
    pub display: DisplayArgs,
}

/// How the screen is drawn: the dashboard and `render` take these.
#[derive(Debug, Clone, Default, Args)]
pub struct DisplayArgs {
    /// ASCII only: no box-drawing or block characters (screen readers, limited terminals)
    #[arg(long)]
    pub plain: bool,
}

fn parse_locale(s: &str) -> Result<Locale, String> {
    s.parse()
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate data files and print a summary of each (exit 1 if any is invalid)
    Check {
        /// Files to check (default: the configured data)
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write the data as CSV, JSON, Markdown or an SVG map (to stdout unless --output)
    Export(ExportArgs),
    /// Draw one screen of the dashboard to stdout, after typing KEYS
    Render(RenderArgs),
    /// Turn a grant list (CSV, .xlsx, .xls, .ods) into a checked funding-round file
    Import(ImportArgs),
    /// Generate a large synthetic data file (for benchmarks)
    #[command(hide = true)]
    Gen(GenArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Markdown,
    Svg,
}

pub use crate::export::ExportBy;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Data files (as repeated --data); several rounds with --by district give one panel: an amount
    /// column per round and the changes between consecutive rounds
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// One row per project, or per district (every district, also those without projects)
    #[arg(long, value_enum, default_value = "project")]
    pub by: ExportBy,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite --output if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Turn a grant list into a checked funding-round file (docs/format.md).\n\n\
                  SOURCE is CSV (delimiter `,`, `;` or tab; UTF-8, UTF-8 with BOM or Windows-1252) or \
                  a workbook (.xlsx, .xls, .ods). Columns are found by their headers in Danish or \
                  English (Kreds, Projekt, Beløb, Partnere, Tema, Målgruppe, Beskrivelse; district, \
                  project, amount, …). Amounts in Danish or English format are read exactly. Every \
                  problem is reported at once, at FILE:LINE:COL or FILE[Sheet]!C12, and nothing is \
                  written when there is one (unless --partial)."
)]
pub struct ImportArgs {
    /// The grant list: a CSV file or a workbook (.xlsx, .xls, .ods)
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
    /// The sheet to read (default: the first that has data)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Which column holds a field, when its header does not say (repeatable); FIELD is district,
    /// district_id, project, amount, id, partners, themes, target or summary
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    /// The districts to match: `builtin` (the 2014 police districts), another round file's, or
    /// `new` (made from the district column); default: builtin when the values name them, else new
    #[arg(long, value_name = "ROUND.toml|builtin|new")]
    pub districts: Option<String>,
    /// The round's title (default: the file name without its extension)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The whole pool, such as 140.000.000 (default: the sum of the amounts)
    #[arg(long, value_name = "AMOUNT")]
    pub pool: Option<String>,
    /// ISO 4217 currency code (default: the district set's, else DKK)
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Write the rows without errors and list the others (default: nothing is written when any
    /// row has an error)
    #[arg(long)]
    pub partial: bool,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite --output if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Screen size
    #[arg(long, default_value = "100x30", value_name = "COLSxROWS", value_parser = parse_size)]
    pub size: (u16, u16),
    #[arg(
        long,
        default_value = "",
        value_name = "KEYS",
        help = crate::input::keymap::SEQUENCE_HELP_SHORT,
        long_help = crate::input::keymap::SEQUENCE_HELP
    )]
    pub keys: String,
    /// Keep colours and styles (ANSI escape sequences)
    #[arg(long)]
    pub color: bool,
    #[command(flatten)]
    pub display: DisplayArgs,
    /// Data files (tabs), as for the dashboard; default: the configured data
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (c, r) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("\"{s}\" is not COLSxROWS, e.g. 100x30"))?;
    let parse = |v: &str, what: &str| -> Result<u16, String> {
        match v.trim().parse::<u16>() {
            Ok(n) if (1..=1000).contains(&n) => Ok(n),
            _ => Err(format!(
                "{what} must be a whole number from 1 to 1000, not \"{v}\""
            )),
        }
    };
    Ok((parse(c, "COLS")?, parse(r, "ROWS")?))
}

#[derive(Debug, Args)]
pub struct GenArgs {
    #[arg(long, default_value_t = 1000)]
    pub districts: usize,
    #[arg(long, default_value_t = 100)]
    pub projects_per_district: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite --output if it exists
    #[arg(long)]
    pub force: bool,
    /// Add extremes: 1 MB names and summary, 10,000 themes, 10,000 municipalities
    #[arg(long)]
    pub stress: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("80x24"), Ok((80, 24)));
        assert!(parse_size("0x24").is_err());
        assert!(parse_size("80").is_err());
        assert!(parse_size("80x99999").is_err());
    }

    #[test]
    fn files_and_subcommands_coexist() {
        let cli = Cli::try_parse_from(["kredskort", "a.toml", "b.toml"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.files.len(), 2);
        let cli =
            Cli::try_parse_from(["kredskort", "--data", "x.toml", "check", "a.toml"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Check { ref files }) if files.len() == 1));
        assert_eq!(cli.global.data.len(), 1);
        let cli =
            Cli::try_parse_from(["kredskort", "export", "--format", "json", "--locale", "en"])
                .unwrap();
        assert_eq!(cli.global.locale, Some(Locale::En));
        // Render's --plain is its own; the dashboard's flags go before no command.
        let cli = Cli::try_parse_checked(["kredskort", "render", "--plain"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Render(ref r)) if r.display.plain));
        let cli = Cli::try_parse_checked(["kredskort", "--no-mouse", "--plain", "a.toml"]).unwrap();
        assert!(cli.dashboard.no_mouse && cli.dashboard.display.plain);
        for args in [
            &["kredskort", "--plain", "render"][..],
            &["kredskort", "--no-mouse", "export"][..],
            &["kredskort", "export", "--plain"][..],
            &["kredskort", "check", "--no-mouse"][..],
        ] {
            assert!(Cli::try_parse_checked(args).is_err(), "{args:?}");
        }
    }
}
