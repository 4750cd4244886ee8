/**
 * Workflows: the products' quick edit in one call ({@link io.github.nemosdk.workflows.WorkflowsClient#addMusic}),
 * and the same over many files ({@link io.github.nemosdk.workflows.WorkflowsClient#addMusicToEach}).
 */
package io.github.nemosdk.workflows;
