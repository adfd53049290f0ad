using System.Net;
using System.Security.Authentication;
using k8s.Autorest;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Tests.Resilience;

public sealed class TransientFailuresTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    public void IsTransient_ByStatusCode(HttpStatusCode code, bool transient)
    {
        using var response = new HttpResponseMessage(code);
        var failure = new HttpOperationException { Response = new HttpResponseMessageWrapper(response, string.Empty) };

        Assert.Equal(transient, TransientFailures.IsTransient(failure, CancellationToken.None));
    }

    [Fact]
    public void IsTransient_ConnectionFailures_Yes()
    {
        Assert.True(TransientFailures.IsTransient(new HttpRequestException("Connection refused"), CancellationToken.None));
        Assert.True(TransientFailures.IsTransient(new IOException("reset"), CancellationToken.None));
    }

    [Fact]
    public void IsTransient_RefusedCertificate_No() =>
        Assert.False(TransientFailures.IsTransient(new HttpRequestException("SSL", new AuthenticationException("rejected")), CancellationToken.None));

    [Fact]
    public void IsTransient_Timeout_YesUnlessTheCallerCanceled()
    {
        using var caller = new CancellationTokenSource();
        Assert.True(TransientFailures.IsTransient(new TaskCanceledException(), caller.Token));

        caller.Cancel();
        Assert.False(TransientFailures.IsTransient(new TaskCanceledException(), caller.Token));
    }
}
