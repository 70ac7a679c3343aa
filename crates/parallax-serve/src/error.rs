//! What can go wrong when starting the server, and how a failed request is
//! answered.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use parallax_store::StoreError;
use serde::Serialize;
use std::net::SocketAddr;
use thiserror::Error;

/// Why the server could not start or stopped.
#[derive(Debug, Error)]
pub enum ServeError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{addr} is already in use (another `parallax serve`, or another program); choose another port with --addr {ip}:PORT", ip = .addr.ip())]
    PortInUse { addr: SocketAddr },
    #[error("not allowed to listen on {addr} (ports below 1024 need privileges); choose another with --addr {ip}:7878", ip = .addr.ip())]
    PortForbidden { addr: SocketAddr },
    #[error("cannot listen on {addr}: {source} (is the address one of this machine's?)")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot make a random token: {detail}; give one with --token")]
    Random { detail: String },
}

impl ServeError {
    pub(crate) fn from_bind(addr: SocketAddr, source: std::io::Error) -> ServeError {
        match source.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortInUse { addr },
            std::io::ErrorKind::PermissionDenied => ServeError::PortForbidden { addr },
            _ => ServeError::Bind { addr, source },
        }
    }
}

/// A failed request: a status and a message saying what to do.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Items of the request that could not be read (a POST of articles).
    pub failures: Vec<parallax::model::InputFailure>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    status: u16,
    error: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    failures: &'a [parallax::model::InputFailure],
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            failures: Vec::new(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        let status = match &error {
            StoreError::NoSuchStory { .. } => StatusCode::NOT_FOUND,
            StoreError::Locked { .. } => StatusCode::SERVICE_UNAVAILABLE,
            StoreError::Missing { .. } | StoreError::CannotOpen { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            status: self.status.as_u16(),
            error: &self.message,
            failures: &self.failures,
        };
        let json = serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec());
        let mut response = (self.status, json).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"parallax\""),
            );
        }
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        response
    }
}
