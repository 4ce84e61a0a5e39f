//! `mock-server`: the QMail task API mock on the command line.

use clap::Parser;
use mock_server::engine::clock::ClockMode;
use mock_server::engine::dialect::Dialect;
use mock_server::verify;
use mock_server::{Config, spawn};
use std::io::IsTerminal;
use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use tracing_subscriber::EnvFilter;

/// A mock of the QMail task API: cooperative cancellation, a manual clock,
/// injected faults and a request journal. `mock-server verify URL` checks any
/// server against the API document instead.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Address to listen on. Anything but loopback exposes the control API to the network.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// `real`, or `manual`: time moves only by POST /__mock/clock/advance.
    #[arg(long, default_value = "real")]
    clock: ClockMode,
    /// `document`: answer exactly as the API document says; `shipping`: as the
    /// shipping QMail server does (cancel at once; error bodies with `status`
    /// and `details`, no `message`), so clients are tested against both.
    #[arg(long, default_value = "document")]
    dialect: Dialect,
    /// Run a real clock this many times faster than wall time (demos).
    #[arg(long, default_value_t = 1.0)]
    time_scale: f64,
    /// Allow web pages from this origin (repeatable; `*` opens the task API to all).
    /// Loopback origins are always allowed.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Let the control API answer requests addressed to this host name
    /// (repeatable). Loopback names and the --host address always are; any
    /// other `Host` is refused, against DNS rebinding.
    #[arg(long = "allow-host", value_name = "HOST")]
    allowed_hosts: Vec<String>,
    /// The most tasks the mock holds at once; creating more is a 507.
    #[arg(long, default_value_t = mock_server::engine::store::DEFAULT_MAX_TASKS)]
    max_tasks: usize,
    /// Start without the demo tasks.
    #[arg(long)]
    no_demo: bool,
    /// Load tasks and fault rules from this JSON file at the start:
    /// {"tasks": [...], "faults": [...]}, entries as POST /__mock/tasks and
    /// POST /__mock/faults take them.
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// Reload the --scenario file whenever it changes.
    #[arg(long, requires = "scenario")]
    watch: bool,
    /// Forward task API requests for ids this mock does not know to this
    /// server, and list where its answers depart from the document (an
    /// x-contract-violations header, and the journal).
    #[arg(long, value_name = "URL")]
    proxy_to: Option<String>,
    /// With --proxy-to: write what that server did with each task it was
    /// asked about to FILE, as it goes, as a scenario file (--scenario FILE
    /// replays it).
    #[arg(long, value_name = "FILE", requires = "proxy_to")]
    record: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Check a running server against the API document and report like a
    /// test runner (exit 0: all passed, 1: a check failed, 2: could not run,
    /// 130: interrupted).
    Verify(VerifyArgs),
}

#[derive(Debug, clap::Args)]
struct VerifyArgs {
    /// The server, e.g. http://localhost:8080 (the API is under /api).
    base_url: String,
    /// Also check the status object of this task, and observe it over time
    /// (read-only).
    #[arg(long, value_name = "ID")]
    task: Option<String>,
    /// How long --task is observed (at least three reads, --interval apart).
    #[arg(long, default_value = "3s", value_parser = humantime::parse_duration)]
    observe: Duration,
    /// Observe --task until it is finished (at most --max-attempts reads).
    #[arg(long)]
    until_terminal: bool,
    /// Really cancel this task and follow the documented flow.
    #[arg(long, value_name = "ID")]
    cancel_task: Option<String>,
    /// The target is this mock: create tasks and cover every documented case.
    #[arg(long)]
    scripted: bool,
    /// Time between status reads while --task is observed or a cancel is
    /// followed.
    #[arg(long, default_value = "1s", value_parser = humantime::parse_duration)]
    interval: Duration,
    /// Status reads at most while a cancel is followed.
    #[arg(long, default_value_t = 30)]
    max_attempts: u32,
    /// `document` (exactly as written) or `client-safe` (what a robust
    /// client needs): findings at this level or stricter fail.
    #[arg(long, default_value = "document")]
    level: verify::Level,
    /// How long one request may take.
    #[arg(long, default_value = "10s", value_parser = humantime::parse_duration)]
    timeout: Duration,
    /// Also write the report as JUnit XML.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Also write the report as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Pass on the findings this file records (known deviations), fail on
    /// anything new or stricter, and list the ones that are gone.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Fail the run when it exercised less than this share (0-100) of the
    /// document's answers and transitions.
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u32).range(0..=100))]
    min_coverage: Option<u32>,
    /// Write this run's findings to FILE, for --baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    // Colour only on a terminal, and never under NO_COLOR (no-color.org):
    // escape codes in a redirected log are noise.
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_ansi(colour)
        .init();
    let cli = Cli::parse();
    if let Some(Command::Verify(args)) = cli.command {
        return run_verify(args).await;
    }
    let config = Config {
        host: cli.host,
        port: cli.port,
        clock: cli.clock,
        dialect: cli.dialect,
        time_scale: cli.time_scale,
        cors_origins: cli.cors_origins,
        allowed_hosts: cli.allowed_hosts,
        max_tasks: cli.max_tasks,
        demo: !cli.no_demo,
        scenario: cli.scenario,
        watch_scenario: cli.watch,
        proxy_to: cli.proxy_to,
        record: cli.record,
        ..Config::default()
    };
    // Listening for signals before anything is printed: a supervisor that
    // stops the server as soon as it reads the banner gets a drain too.
    let mut signals = match StopSignals::install() {
        Ok(signals) => signals,
        Err(error) => {
            eprintln!("mock-server: could not listen for stop signals: {error}");
            return ExitCode::FAILURE;
        }
    };
    let server = match spawn(config.clone()).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("mock-server: {error}");
            return ExitCode::FAILURE;
        }
    };
    if !config.host.is_loopback() {
        tracing::warn!(
            host = %config.host,
            "listening beyond loopback: anyone who can reach this address can use the control API"
        );
    }
    print_banner(&server, &config);
    signals.next().await;
    tracing::info!("stopping: finishing requests in flight (a second signal stops at once)");
    tokio::select! {
        () = server.stop() => {}
        () = signals.next() => tracing::warn!("stopped without waiting for requests in flight"),
    }
    ExitCode::SUCCESS
}

/// `mock-server verify`: prints the report and writes the files asked for.
async fn run_verify(args: VerifyArgs) -> ExitCode {
    let options = verify::Options {
        base_url: args.base_url,
        task: args.task,
        observe: args.observe,
        until_terminal: args.until_terminal,
        cancel_task: args.cancel_task,
        scripted: args.scripted,
        interval: args.interval,
        max_attempts: args.max_attempts,
        level: args.level,
        timeout: args.timeout,
        min_coverage: args.min_coverage,
    };
    let baseline = match &args.baseline {
        Some(path) => match verify::Baseline::read(&path.display().to_string()) {
            Ok(baseline) => Some(baseline),
            Err(error) => {
                eprintln!("mock-server verify: {error}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let run = tokio::select! {
        run = verify::run(&options) => run,
        _ = tokio::signal::ctrl_c() => {
            eprintln!("mock-server verify: interrupted");
            // 128 + SIGINT, as a shell reports an interrupted command.
            return ExitCode::from(130);
        }
    };
    let mut report = match run {
        Ok(report) => report,
        Err(error) => {
            eprintln!("mock-server verify: {error}");
            return ExitCode::from(2);
        }
    };
    if let Some(baseline) = &baseline {
        baseline.apply(&mut report);
    }
    print!("{}", report.text());
    let written_baseline =
        serde_json::to_string_pretty(&verify::Baseline::of(&report)).unwrap_or_default();
    let files = [
        (args.write_baseline, written_baseline),
        (args.junit, report.junit()),
        (
            args.json,
            serde_json::to_string_pretty(&report).unwrap_or_default(),
        ),
    ];
    for (path, text) in files {
        if let Some(path) = path
            && let Err(error) = std::fs::write(&path, text)
        {
            eprintln!(
                "mock-server verify: could not write {}: {error}",
                path.display()
            );
            return ExitCode::from(2);
        }
    }
    if report.all_passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Prints the address and demo tasks. Output errors are ignored: a closed
/// stdout (a parent that read only the first line) must not stop the server.
fn print_banner(server: &mock_server::RunningServer, config: &Config) {
    let url = server.url();
    let mut out = std::io::stdout().lock();
    let clock = match config.clock {
        ClockMode::Real => format!("real, x{}", config.time_scale),
        ClockMode::Manual => "manual".to_owned(),
    };
    let _ = writeln!(
        out,
        "QMail task API mock listening on {url} (clock: {clock})"
    );
    for demo in server.demo_tasks() {
        let _ = writeln!(out, "  {url}/api/task/status/{}  {}", demo.id, demo.what);
    }
    let _ = out.flush();
}

/// SIGINT (Ctrl-C) and SIGTERM, caught from the moment they are installed.
struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn install() -> std::io::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignals {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(StopSignals {})
    }

    /// Resolves at the next signal.
    async fn next(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}
