// Spec from a prompt: the planner writes a spec phase by phase, each approved in the spec editor (issue #7 item 4).
export {};
