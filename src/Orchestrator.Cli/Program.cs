using Orchestrator.Cli;
using Orchestrator.Cli.Hosting;

SocketCompletions.RunInline();
return await OrchestratorCommandLine.InvokeAsync(args);
