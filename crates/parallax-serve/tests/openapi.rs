//! The OpenAPI description against the running server: every path and
//! method it lists answers, with the documented status and content type,
//! and the answer holds the fields the schema says are required.

mod common;

use common::{TestServer, TOKEN};
use serde_json::Value;

/// Follows a `$ref` inside the document.
fn resolve<'doc>(document: &'doc Value, value: &'doc Value) -> &'doc Value {
    let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
        return value;
    };
    let mut target = document;
    for part in reference.trim_start_matches("#/").split('/') {
        target = &target[part];
    }
    assert!(!target.is_null(), "dangling reference {reference}");
    resolve(document, target)
}

/// The parameters of an operation, with their references followed.
fn parameters<'doc>(document: &'doc Value, operation: &'doc Value) -> Vec<&'doc Value> {
    operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|parameter| resolve(document, parameter))
        .collect()
}

/// Checks that `value` has every field `schema` requires (one level, and
/// into the items of arrays of objects that state their own required
/// fields).
fn check_required(document: &Value, schema: &Value, value: &Value, at: &str) {
    let schema = resolve(document, schema);
    for field in schema["required"].as_array().into_iter().flatten() {
        let name = field.as_str().unwrap_or("");
        assert!(
            value.get(name).is_some(),
            "{at}: missing required field {name:?} in {value}"
        );
        let field_schema = &schema["properties"][name];
        if field_schema.is_null() {
            continue;
        }
        let field_schema = resolve(document, field_schema);
        if field_schema["type"] == "array" {
            for item in value[name].as_array().into_iter().flatten() {
                check_required(
                    document,
                    &field_schema["items"],
                    item,
                    &format!("{at}.{name}[]"),
                );
            }
        } else if field_schema["type"] == "object" {
            check_required(
                document,
                field_schema,
                &value[name],
                &format!("{at}.{name}"),
            );
        }
    }
}

fn documented_content_type(document: &Value, operation: &Value, status: u16) -> String {
    let response = resolve(document, &operation["responses"][status.to_string()]);
    assert!(
        !response.is_null(),
        "status {status} is not documented for {}",
        operation["operationId"]
    );
    response["content"]
        .as_object()
        .and_then(|content| content.keys().next().cloned())
        .unwrap_or_default()
}

#[test]
fn every_documented_path_answers_as_documented() {
    let server = TestServer::start();
    server.post_fixtures();
    let served = server.get(parallax_serve::OPENAPI_PATH);
    assert_eq!(served.status, 200);
    assert!(served.content_type.starts_with("application/json"));
    let document = served.json();
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().cloned().unwrap_or_default();
    assert!(paths.len() >= 8, "{paths:?}");
    let mut checked = 0;
    for (template, methods) in &paths {
        for (method, operation) in methods.as_object().into_iter().flatten() {
            let name = operation["operationId"].as_str().unwrap_or(template);
            // The documented request: path parameters and query examples.
            let mut path = template.clone();
            let mut query: Vec<String> = Vec::new();
            for parameter in parameters(&document, operation) {
                let parameter_name = parameter["name"].as_str().unwrap_or("");
                let example = &parameter["example"];
                let example_text = match example {
                    Value::String(text) => text.clone(),
                    Value::Null => continue,
                    other => other.to_string(),
                };
                match parameter["in"].as_str() {
                    Some("path") => {
                        path = path.replace(&format!("{{{parameter_name}}}"), &example_text)
                    }
                    Some("query") => query.push(format!("{parameter_name}={example_text}")),
                    _ => {}
                }
            }
            assert!(
                !path.contains('{'),
                "{name}: a path parameter has no example"
            );
            let url = if query.is_empty() {
                path.clone()
            } else {
                format!("{path}?{}", query.join("&"))
            };
            let answer = match method.as_str() {
                "get" => server.get(&url),
                "post" => {
                    let body = &operation["requestBody"]["content"];
                    let (content_type, media) = body
                        .as_object()
                        .and_then(|content| {
                            content
                                .iter()
                                .find(|(_, media)| media.get("example").is_some())
                        })
                        .map(|(content_type, media)| (content_type.clone(), media.clone()))
                        .unwrap_or_else(|| panic!("{name}: no example body"));
                    let example = media["example"].as_str().unwrap_or("").to_string();
                    // Without the token first: the documented 401.
                    let refused = server.post(&url, &content_type, example.as_bytes(), None);
                    assert_eq!(refused.status, 401, "{name}");
                    assert!(refused
                        .content_type
                        .starts_with(&documented_content_type(&document, operation, 401)));
                    server.post(&url, &content_type, example.as_bytes(), Some(TOKEN))
                }
                other => panic!("{name}: method {other} not checked"),
            };
            assert_eq!(answer.status, 200, "{name} {url}: {}", answer.body);
            let content_type = documented_content_type(&document, operation, 200);
            assert!(
                answer.content_type.starts_with(&content_type),
                "{name}: {} is not {content_type}",
                answer.content_type
            );
            let schema = &operation["responses"]["200"]["content"][&content_type]["schema"];
            check_required(&document, schema, &answer.json(), name);

            // A story that does not exist, where a 404 is documented.
            if template.contains("{id}") && !operation["responses"]["404"].is_null() {
                let missing = server.get(&template.replace("{id}", "987654"));
                assert_eq!(missing.status, 404, "{name}");
                assert!(missing
                    .content_type
                    .starts_with(&documented_content_type(&document, operation, 404)));
                check_required(
                    &document,
                    &document["components"]["schemas"]["Error"],
                    &missing.json(),
                    name,
                );
            }
            // An integer parameter given a word, where a 400 is documented.
            if method == "get" && !operation["responses"]["400"].is_null() {
                let integer_query =
                    parameters(&document, operation)
                        .into_iter()
                        .find(|parameter| {
                            parameter["in"] == "query" && parameter["schema"]["type"] == "integer"
                        });
                if let Some(parameter) = integer_query {
                    let bad = server.get(&format!(
                        "{path}?{}=many",
                        parameter["name"].as_str().unwrap_or("")
                    ));
                    assert_eq!(bad.status, 400, "{name}: {}", bad.body);
                    assert!(bad
                        .content_type
                        .starts_with(&documented_content_type(&document, operation, 400)));
                }
            }
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        paths
            .values()
            .map(|methods| methods.as_object().map_or(0, |m| m.len()))
            .sum::<usize>()
    );
}
