//! The application served over real TCP, as a browser needs it.

use crate::helpers::{TestApp, spawn_demo_app};

/// A demo app listening on a free loopback port for as long as this value lives.
pub struct ServedApp {
    pub app: TestApp,
    pub base: String,
    task: tokio::task::JoinHandle<()>,
}

impl ServedApp {
    pub async fn demo() -> ServedApp {
        let app = spawn_demo_app().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let address = listener.local_addr().expect("bound address");
        let router = app.router.clone();
        let limits = abierto::web::http::server::Limits {
            header_timeout: std::time::Duration::from_secs(10),
            max_connections: 256,
        };
        let task = tokio::spawn(async move {
            abierto::web::http::server::serve(listener, router, limits, std::future::pending())
                .await;
        });
        ServedApp {
            app,
            base: format!("http://{address}"),
            task,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for ServedApp {
    fn drop(&mut self) {
        self.task.abort();
    }
}
