//! `base_records`: one customer to call, in one base.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "base_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub base_id: i64,
    pub cuenta: String,
    pub segmento: String,
    pub nombre: String,
    pub documento: Option<String>,
    /// Phones joined by `|`.
    #[sea_orm(column_type = "Text")]
    pub telefonos: String,
    pub ciudad: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub servicios: Option<String>,
    pub plan: Option<String>,
    pub antiguedad_meses: Option<i32>,
    pub valor_mensual_centavos: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub motivo: Option<String>,
    pub nota_encuesta: Option<i32>,
    pub fecha_evento: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub ofrecimientos: Option<String>,
    pub prioridad: i32,
    /// Hand-out order within a priority: the event date as days since 1970,
    /// undated records last (see `services::queue::queue_order`).
    pub queue_order: i64,
    /// JSON object of the file's extra columns.
    #[sea_orm(column_type = "Text", nullable)]
    pub extra: Option<String>,
    /// A `RecordStatus` code.
    pub status: String,
    pub attempts: i32,
    pub last_result: Option<String>,
    pub last_attempt_at: Option<DateTimeUtc>,
    pub next_attempt_at: Option<DateTimeUtc>,
    pub callback_at: Option<DateTimeUtc>,
    pub owner_agent_id: Option<i64>,
    pub lease_agent_id: Option<i64>,
    pub lease_expires_at: Option<DateTimeUtc>,
    pub import_id: Option<i64>,
    pub line_number: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
