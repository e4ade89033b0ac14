//! The OpenAPI document: its header, the session security scheme, and the
//! browsable page (Swagger UI, served from files compiled into the binary).

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Faro API",
        description = "API REST de Faro (atención outbound premium). Todas las respuestas de error tienen la forma `{\"error\": {\"code\", \"message\"}}` con el mensaje en español. Las solicitudes que cambian datos llevan el token CSRF de la sesión en el encabezado `X-CSRF-Token`."
    ),
    modifiers(&SessionCookie),
    tags(
        (name = "sesión", description = "Inicio y cierre de sesión, usuario actual"),
        (name = "usuarios", description = "Usuarios, roles y equipos"),
        (name = "bases", description = "Bases de clientes, importaciones y su configuración"),
        (name = "cola", description = "La cola del asesor, intentos, ficha del cliente y estado"),
        (name = "guía", description = "La guía de la llamada: interacciones y casos"),
        (name = "procedimiento", description = "Versiones del procedimiento y catálogo de tipificaciones"),
        (name = "ofertas", description = "Catálogo de ofertas, políticas de retención, su historial y la conversión de la retención"),
        (name = "indicadores", description = "Los siete indicadores, sus metas y las importaciones de las fuentes externas"),
        (name = "prácticas", description = "Prácticas de gestión de los líderes: catálogo, calendario, registro y adherencia"),
        (name = "configuración", description = "Configuración de la operación"),
        (name = "seguridad", description = "Registro de eventos de seguridad"),
        (name = "operación", description = "Salud del servicio"),
    )
)]
pub struct ApiDoc;

/// Documents the session cookie as the API's authentication.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "sesion",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "faro_session",
                "Cookie de sesión que entrega POST /api/v1/auth/login",
            ))),
        );
    }
}

/// Every `(METHOD, path)` the document describes.
pub fn operations(doc: &utoipa::openapi::OpenApi) -> std::collections::BTreeSet<(String, String)> {
    let mut operations = std::collections::BTreeSet::new();
    for (path, item) in &doc.paths.paths {
        let methods = [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("PATCH", item.patch.is_some()),
            ("DELETE", item.delete.is_some()),
        ];
        for (method, present) in methods {
            if present {
                operations.insert((method.to_string(), path.clone()));
            }
        }
    }
    operations
}
