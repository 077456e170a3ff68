//! `kredskort export`: the data as CSV, JSON or Markdown (SVG comes with the map), to stdout or
//! atomically to `--output`.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::config::{self, DataSource};
use crate::export::{View, write_atomic, write_csv, write_json, write_markdown};

pub fn run(global: &GlobalArgs, args: &ExportArgs) -> ExitCode {
    match export(global, args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprint!("{message}");
            if !message.ends_with('\n') {
                eprintln!();
            }
            ExitCode::FAILURE
        }
    }
}

fn export(global: &GlobalArgs, args: &ExportArgs) -> Result<(), String> {
    if args.format == ExportFormat::Svg {
        return Err(
            "error: `--format svg` is not available yet (it comes with the outline map); use csv, json or markdown"
                .into(),
        );
    }
    let settings = config::resolve(global, &[]).map_err(|e| e.to_string())?;
    let source = match settings.data_sources.as_slice() {
        [one] => one.clone(),
        many => {
            return Err(format!(
                "error: export writes one dataset at a time, but {} data files are configured; choose one with --data FILE",
                many.len()
            ));
        }
    };
    let dataset = source.load().map_err(|e| e.to_string())?;
    let view = View::all(&dataset, args.by);
    let mut out = Vec::new();
    let written = match args.format {
        ExportFormat::Csv => write_csv(&dataset, &view, &mut out),
        ExportFormat::Json => write_json(&dataset, &view, &mut out),
        ExportFormat::Markdown => write_markdown(&dataset, &view, settings.locale, &mut out),
        ExportFormat::Svg => Ok(()),
    };
    written.map_err(|e| format!("error: cannot produce the export: {e}"))?;
    match &args.output {
        Some(path) => {
            let inputs: Vec<_> = match &source {
                DataSource::File(p) => vec![p.clone()],
                DataSource::Embedded => Vec::new(),
            };
            write_atomic(path, &out, args.force, &inputs).map_err(|e| format!("error: {e}"))?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&out).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is not an error worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("error: cannot write to stdout: {e}")),
            }
        }
    }
}
