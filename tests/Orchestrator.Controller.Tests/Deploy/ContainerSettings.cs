using System.Xml.Linq;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Deploy;

/// <summary>The container image settings of Orchestrator.Cli.csproj, which the Deployment must agree with.</summary>
internal sealed record ContainerSettings(string Repository, long User, int Port)
{
    public static ContainerSettings Read()
    {
        var project = XDocument.Load(Path.Combine(DeployFiles.RepositoryRoot, "src", "Orchestrator.Cli", "Orchestrator.Cli.csproj"));
        string Single(string name) => project.Descendants(name).Single().Value;
        return new ContainerSettings(
            Single("ContainerRepository"),
            long.Parse(Single("ContainerUser"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(project.Descendants("ContainerPort").Single().Attribute("Include")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
