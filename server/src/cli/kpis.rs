//! `faro kpis --from D --to D [filters] [--json]`: the seven indicators from
//! the command line, the same JSON as `GET /api/v1/kpis`, so operations can
//! script them. Nothing is seeded: an empty database gives empty figures.

use crate::imports::values::parse_date;
use app::domain::bases::{BaseKind, Segment};
use app::domain::kpis::{Kpi, KpiFilters, Period};
use clap::Args;

#[derive(Debug, Args)]
pub struct KpisArgs {
    /// First day (aaaa-mm-dd or dd/mm/aaaa), Bogotá time.
    #[arg(long)]
    from: String,
    /// Last day, included.
    #[arg(long)]
    to: String,
    /// A supervisor's login: their agents.
    #[arg(long)]
    team: Option<String>,
    /// An agent's login.
    #[arg(long)]
    agent: Option<String>,
    /// FIDELIZACION, ABANDONOS, DETRACTORES, CANCELACIONES or BROWNFIELD.
    #[arg(long)]
    tipo_base: Option<BaseKind>,
    /// HOGAR or MOVIL.
    #[arg(long)]
    segmento: Option<Segment>,
    /// Print JSON (one key per KPI) instead of a table.
    #[arg(long)]
    json: bool,
}

pub async fn run(database_url: &str, args: KpisArgs) -> Result<(), String> {
    let period = Period::new(parse_date(&args.from)?, parse_date(&args.to)?)?;
    let filters = KpiFilters {
        team: args.team,
        agent: args.agent,
        tipo_base: args.tipo_base,
        segmento: args.segmento,
    }
    .cleaned();
    let db = super::open_database(database_url).await?;
    let settings = crate::services::kpis::settings::get(&db)
        .await
        .map_err(super::service_message)?;
    let report = crate::services::kpis::engine::compute(&db, period, &filters, &settings)
        .await
        .map_err(super::service_message)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    println!(
        "Indicadores del {} al {}",
        period.from.format("%d/%m/%Y"),
        period.to.format("%d/%m/%Y")
    );
    for kpi in Kpi::ALL {
        let figure = report.get(kpi);
        let value = match (figure.applies, figure.value) {
            (false, _) => "no aplica".to_string(),
            (true, None) => "sin datos".to_string(),
            (true, Some(value)) => kpi.format(value),
        };
        let parts = match (figure.numerator, figure.denominator) {
            (Some(n), Some(d)) if figure.applies => format!("  ({n} / {d})"),
            _ => String::new(),
        };
        let goal = figure
            .goal
            .map(|g| format!("  meta {}", kpi.format(g)))
            .unwrap_or_default();
        println!("{:<16} {value}{parts}{goal}", kpi.label());
    }
    Ok(())
}
