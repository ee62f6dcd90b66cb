package dev.leadbridge.testkit.nexor;

/**
 * Which of the two documented response shapes {@code GET /leads/{id}} of a {@link NexorSimulator} returns.
 * The Nexor docs have two trees that disagree; a real deployment answers with one of them.
 */
public enum GetShape {

    /**
     * The API-reference tree: {@code {"success":true,"lead":{...},"variables":{...}}} with snake_case
     * {@code active_workflow_run} (nested {@code workflow} and {@code current_status} without colour),
     * {@code tags} and {@code updated_at}.
     */
    WRAPPED,

    /**
     * The guide tree: the bare lead object with camelCase {@code activeWorkflowRun}, top-level
     * {@code workflow}, {@code currentStatus} (with {@code color}), {@code assigned_user} and only
     * {@code created_at}.
     */
    BARE
}
