//! `goseam mcp`: a Model Context Protocol server over stdio exposing each
//! analyzer and plan as a read-only tool, confined to the roots it was
//! started with. It never writes to a tree, runs no commands and opens no
//! network connections; stdout carries only protocol messages.

mod confine;
mod index;
mod page;
mod server;
mod stdio;
mod tools;

pub use tools::specs as tool_specs;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use rmcp::ServiceExt;

/// Serve until stdin ends.
pub fn run(roots: &[PathBuf], threads: usize) -> Result<ExitCode> {
    let roots = confine::Roots::new(roots).map_err(|e| anyhow!(e))?;
    let handler = server::GoseamServer::new(index::IndexCache::new(roots, threads));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let outcome = runtime.block_on(async move {
        let (input, output, written) = stdio::relay(tokio::io::stdin(), tokio::io::stdout());
        let service = handler
            .serve((input, output))
            .await
            .map_err(|e| anyhow!("MCP session did not start: {e}"))?;
        service
            .waiting()
            .await
            .map_err(|e| anyhow!("MCP session failed: {e}"))?;
        // Everything the service wrote reaches stdout before exiting.
        let _ = written.await;
        Ok::<_, anyhow::Error>(())
    });
    // A pending read of stdin cannot be cancelled; do not wait for it.
    runtime.shutdown_background();
    outcome?;
    Ok(ExitCode::SUCCESS)
}
