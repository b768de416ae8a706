// Placeholder entry point; the audit panel lands with issue 4.
export {};
