//! A team's or an agent's contactabilidad counts distinct records over that
//! team's or agent's attempts in the period. At ten million interactions a
//! team's month is tens of thousands of attempts scattered over the table:
//! fetching each row behind `idx_kpi_contacts_agent_day` cost more than the
//! count itself. This index carries every column the count reads, so the
//! databases answer from the index alone; it replaces the narrower one, whose
//! columns are its prefix.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NARROW: &str = "idx_kpi_contacts_agent_day";
const COVERING: &str = "idx_kpi_contacts_agent_day_records";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(COVERING)
                    .table(KpiContacts::Table)
                    .col(KpiContacts::AgentLogin)
                    .col(KpiContacts::Day)
                    .col(KpiContacts::Cuenta)
                    .col(KpiContacts::TipoBase)
                    .col(KpiContacts::Segmento)
                    .col(KpiContacts::Contacted)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(NARROW)
                    .table(KpiContacts::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NARROW)
                    .table(KpiContacts::Table)
                    .col(KpiContacts::AgentLogin)
                    .col(KpiContacts::Day)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(COVERING)
                    .table(KpiContacts::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum KpiContacts {
    Table,
    AgentLogin,
    Day,
    Cuenta,
    TipoBase,
    Segmento,
    Contacted,
}
