//! One-shot confirmations. After a write answered with a redirect, the next page the person
//! sees says what was done ("Reporte enviado…", "Cambios guardados."). The message key is kept
//! in the server-side session (nothing a script could forge), read once by the next page and
//! shown without JavaScript, for every write of the app: one middleware, no handler forgets.

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::store::account::sessions::AUTH_KEY;

const FLASH_KEY: &str = "flash";

/// What a write says when its handler names nothing more precise.
pub const SAVED: &str = "flash-saved";

/// A handler's own words for what it did, attached to its redirect.
#[derive(Clone, Copy, Debug)]
pub struct Done(pub &'static str);

impl Done {
    /// A 303 to `to` that confirms the write with this message on the next page.
    pub fn redirect(self, to: &str) -> Response {
        let mut response = Redirect::to(to).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Middleware: a write (any method but GET, HEAD, OPTIONS) that succeeded with a redirect,
/// for a signed-in person, leaves its confirmation for the next page.
pub async fn remember(request: Request, next: Next) -> Response {
    let is_write = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let session = request.extensions().get::<Session>().cloned();
    let response = next.run(request).await;
    if !is_write || response.status() != StatusCode::SEE_OTHER {
        return response;
    }
    let Some(session) = session else {
        return response;
    };
    // After a logout there is nobody to tell, and no session worth starting for it.
    let signed_in = matches!(
        session.get::<serde_json::Value>(AUTH_KEY).await,
        Ok(Some(_))
    );
    if signed_in {
        let key = response.extensions().get::<Done>().map_or(SAVED, |d| d.0);
        if let Err(e) = session.insert(FLASH_KEY, key).await {
            tracing::warn!(error = %e, "confirmation not kept");
        }
    }
    response
}

/// The confirmation left for this page, removed as it is read. Looked up first: removing
/// marks the session changed, and a page with nothing to confirm must not write it back.
pub async fn take(session: &Session) -> Option<String> {
    session.get::<String>(FLASH_KEY).await.ok().flatten()?;
    session.remove::<String>(FLASH_KEY).await.ok().flatten()
}
