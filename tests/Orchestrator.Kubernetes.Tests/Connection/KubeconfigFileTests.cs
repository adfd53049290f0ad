using System.Text.Json;
using k8s;
using k8s.Exceptions;
using Orchestrator.Kubernetes.Connection;
using Orchestrator.Testing;

namespace Orchestrator.Kubernetes.Tests.Connection;

/// <summary>The kubeconfig is parsed as the client's own loader parses it, field for field.</summary>
public sealed class KubeconfigFileTests
{
    /// <summary>Every kind of entry a kubeconfig holds, with the spellings kubectl writes.</summary>
    private const string Everything = """
        apiVersion: v1
        kind: Config
        current-context: east
        preferences:
          colors: true
          depth: 3
        clusters:
        - name: east
          cluster:
            server: https://east.example:6443
            certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
            tls-server-name: api.east.example
            proxy-url: http://proxy.example:3128
        - name: west
          cluster:
            server: https://10.0.0.1
            certificate-authority: certs/west-ca.crt
            insecure-skip-tls-verify: false
            extensions:
            - name: client.authentication.k8s.io/exec
              extension:
                audience: west
        contexts:
        - name: east
          context:
            cluster: east
            user: east-admin
            namespace: anton
        - name: west
          context:
            cluster: west
            user: west-exec
        users:
        - name: east-admin
          user:
            client-certificate-data: Y2VydA==
            client-key-data: a2V5
            token: abc.def
            as: someone
            as-groups: [ops, dba]
            as-user-extra:
              team: cassandra
        - name: west-exec
          user:
            client-certificate: certs/west.crt
            client-key: /etc/west.key
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: aws
              args: [eks, get-token, --cluster-name, west]
              env:
              - name: AWS_PROFILE
                value: prod
              interactiveMode: Never
              provideClusterInfo: true
        - name: legacy
          user:
            username: admin
            password: secret
            auth-provider:
              name: oidc
              config:
                idp-issuer-url: https://issuer.example
                client-id: orchestrator
        unknown-top-level-field: ignored
        """;

    [Theory]
    [InlineData(Everything)]
    [InlineData("apiVersion: v1\nkind: Config\n")]
    [InlineData("shopping:\n  - milk\n  - bread\n")]
    public void Load_SameModelAsTheClientsLoader(string content)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("kubeconfig", content);

        var ours = KubeconfigFile.Load(path);
        var clients = KubernetesClientConfiguration.LoadKubeConfig(path);

        Assert.Equal(JsonSerializer.Serialize(clients), JsonSerializer.Serialize(ours));
        Assert.Equal(Path.GetFullPath(path), ours.FileName);
    }

    [Fact]
    public void Load_RelativeCertificatePath_ResolvedBesideTheFileAsTheClientDoes()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("kubeconfig", Everything);

        var failure = Assert.ThrowsAny<Exception>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Load(path), "west"));

        // The certificate file does not exist: the message names where it was looked for, beside the kubeconfig.
        Assert.Contains(Path.Combine(directory.Path, "certs", "west-ca.crt"), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_SaysSo()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("kubeconfig", string.Empty);

        var failure = Assert.Throws<KubeConfigException>(() => KubeconfigFile.Load(path));

        Assert.Equal("the file is empty or not a kubeconfig", failure.Message);
    }
}
