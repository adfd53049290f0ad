using Orchestrator.Cli;

return await OrchestratorCommandLine.InvokeAsync(args);
