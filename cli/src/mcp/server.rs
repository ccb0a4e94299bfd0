//! The MCP handler: lists the tools with their schemas and read-only
//! annotations, and routes calls to them on blocking threads (analysis is
//! CPU work), turning every failure into an answer instead of a crash.

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResult, ContentBlock, ErrorData, Implementation,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
    ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{RoleServer, ServerHandler};
use serde_json::{json, Map, Value};

use super::index::IndexCache;
use super::tools::{self, ToolError};

#[derive(Clone)]
pub struct GoseamServer {
    cache: Arc<IndexCache>,
    tools: Arc<Vec<Tool>>,
}

impl GoseamServer {
    pub fn new(cache: IndexCache) -> GoseamServer {
        GoseamServer {
            cache: Arc::new(cache),
            tools: Arc::new(tool_list()),
        }
    }
}

/// The tools as `tools/list` gives them. Every tool only reads the roots:
/// read-only, not destructive, idempotent, and closed-world (no network).
pub fn tool_list() -> Vec<Tool> {
    tools::specs()
        .into_iter()
        .map(|spec| {
            let schema = serde_json::to_value((spec.schema)()).unwrap_or(Value::Null);
            let schema: Map<String, Value> = match schema {
                Value::Object(mut o) => {
                    // The input is an object even when a schema generator
                    // would say less; clients check for it.
                    o.entry("type").or_insert_with(|| json!("object"));
                    o
                }
                _ => Map::from_iter([("type".to_string(), json!("object"))]),
            };
            Tool::new(spec.name, spec.description, Arc::new(schema))
                .with_title(spec.title)
                .annotate(
                    ToolAnnotations::with_title(spec.title)
                        .read_only(true)
                        .destructive(false)
                        .idempotent(true)
                        .open_world(false),
                )
        })
        .collect()
}

impl ServerHandler for GoseamServer {
    fn get_info(&self) -> ServerConfig {
        let mut info = ServerConfig::default();
        info.capabilities = ServerCapabilities::builder().enable_tools().build();
        info.server_info = Implementation::new("goseam", env!("CARGO_PKG_VERSION"));
        let roots: Vec<String> = self
            .cache
            .roots()
            .all()
            .iter()
            .map(|r| r.name.clone())
            .collect();
        info.instructions = Some(format!(
            "Static facts about Go trees, computed from source and deterministic. \
             Roots: {} (tools take `root`; default the first). Paths are relative to \
             the root. Large lists are paginated: pass `next_cursor` back as `cursor`. \
             Unresolved items are reported with reasons, never guessed.",
            roots.join(", ")
        ));
        info
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tools.as_ref().clone()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.tools.iter().find(|t| t.name == name).cloned()
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<rmcp::model::CallToolResponse, ErrorData> {
        let cache = self.cache.clone();
        let name = request.name.to_string();
        let args = request.arguments.unwrap_or_default();
        let outcome = tokio::task::spawn_blocking(move || tools::call(&cache, &name, args)).await;
        let result = match outcome {
            Ok(Ok(answer)) => {
                let mut r = CallToolResult::success(vec![ContentBlock::text(answer.summary)]);
                r.structured_content = Some(answer.structured);
                r
            }
            Ok(Err(ToolError::Unknown(name))) => {
                return Err(ErrorData::invalid_params(
                    format!("unknown tool {name:?}; tools/list names the tools"),
                    None,
                ))
            }
            Ok(Err(ToolError::Failed(message))) => failure(message),
            // A panic in an analyzer: the call fails, the server stays up.
            Err(e) => failure(format!("internal error: the tool failed ({e})")),
        };
        Ok(result.into())
    }
}

/// A tool error the agent reads: the message as text and as `error`.
fn failure(message: String) -> CallToolResult {
    let mut r = CallToolResult::error(vec![ContentBlock::text(format!("error: {message}"))]);
    r.structured_content = Some(json!({ "error": message }));
    r
}
