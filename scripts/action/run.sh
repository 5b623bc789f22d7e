#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml). Reads its inputs from MANDATE_LINT_* variables and passes the
# CLI's exit code on, also as the step output "exit-code".
set -uo pipefail

cli="${GITHUB_ACTION_PATH:?}/dist/cli.js"
read -r -a paths <<< "${MANDATE_LINT_PATHS:-.}"
read -r -a extra <<< "${MANDATE_LINT_ARGS:-}"
args=(--format "${MANDATE_LINT_FORMAT:-github}")
if [ -n "${MANDATE_LINT_CONFIG:-}" ]; then args+=(--config "$MANDATE_LINT_CONFIG"); fi
if [ "${MANDATE_LINT_MAX_WARNINGS:--1}" != "-1" ]; then args+=(--max-warnings "$MANDATE_LINT_MAX_WARNINGS"); fi
# The baseline applies to the SARIF file too (baselineState on every result).
if [ -n "${MANDATE_LINT_BASELINE:-}" ]; then extra=(--baseline "$MANDATE_LINT_BASELINE" "${extra[@]}"); fi

if [ -n "${MANDATE_LINT_SARIF:-}" ]; then
  # The SARIF file is for code scanning; its exit code is the lint step's business.
  node "$cli" --format sarif --output-file "$MANDATE_LINT_SARIF" "${extra[@]}" "${paths[@]}" > /dev/null || true
fi

node "$cli" "${args[@]}" "${extra[@]}" "${paths[@]}"
code=$?
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$code"
