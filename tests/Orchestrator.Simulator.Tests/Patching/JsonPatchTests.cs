using System.Text.Json.Nodes;
using Orchestrator.Simulator.Patching;

namespace Orchestrator.Simulator.Tests.Patching;

public sealed class JsonPatchTests
{
    // RFC 6902 appendix A examples that succeed (A.1-A.8, A.10, A.11, A.14, A.16).
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData(
        """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""",
        """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
        """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData(
        """{"baz":"qux","foo":["a",2,"c"]}""",
        """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""",
        """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    public void Apply_Rfc6902AppendixA_GivesListedResult(string target, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch)!);

        JsonAssert.Equivalent(expected, result);
    }

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "test failed")] // A.9
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "path \"/baz\" not found")] // A.12
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", "test failed")] // A.15
    [InlineData("""{"data":{}}""", """[{"op":"remove","path":"/data/x"}]""", "json patch: path \"/data/x\" not found")]
    [InlineData("""{"data":{}}""", """[{"op":"replace","path":"/data/x","value":"y"}]""", "json patch: path \"/data/x\" not found")]
    [InlineData("""{"a":1}""", """[{"op":"frobnicate","path":"/a"}]""", "unknown op \"frobnicate\"")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/3","value":0}]""", "index 3 in path \"/a/3\" is out of range")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"remove","path":"/a/2"}]""", "index 2 in path \"/a/2\" is out of range")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/01","value":0}]""", "is not a valid array index")]
    [InlineData("""{"a":1}""", """{"op":"remove","path":"/a"}""", "must be a JSON array")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b"}]""", "needs a \"value\"")]
    [InlineData("""{"a":1}""", """[{"op":"remove"}]""", "needs a string \"path\"")]
    [InlineData("""{"a":1}""", """[{"op":"move","path":"/b"}]""", "needs a string \"from\"")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"a","value":1}]""", "invalid JSON pointer \"a\"")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a~2","value":1}]""", "'~' must be followed by '0' or '1'")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", "cannot move \"/a\" into its own child")]
    public void Apply_InvalidOperation_ThrowsPatchExceptionNamingTheProblem(string target, string patch, string expectedMessagePart)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch)!));

        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_LaterOperationFails_AppliesNothingAndLeavesTargetUnchanged()
    {
        var target = JsonNode.Parse("""{"data":{"a":"1"}}""");
        var patch = JsonNode.Parse("""[{"op":"add","path":"/data/b","value":"2"},{"op":"remove","path":"/data/missing"}]""")!;

        Assert.Throws<PatchException>(() => JsonPatch.Apply(target, patch));

        JsonAssert.Equal("""{"data":{"a":"1"}}""", target);
    }

    [Fact]
    public void Apply_CopyThenChangeCopy_LeavesSourceAlone()
    {
        var patch = JsonNode.Parse("""
            [{"op":"copy","from":"/a","path":"/b"},{"op":"replace","path":"/b/x","value":2}]
            """)!;

        var result = JsonPatch.Apply(JsonNode.Parse("""{"a":{"x":1}}"""), patch);

        JsonAssert.Equal("""{"a":{"x":1},"b":{"x":2}}""", result);
    }

    [Fact]
    public void Apply_TestWithEqualNumberAndReorderedObject_Passes()
    {
        var patch = JsonNode.Parse("""
            [{"op":"test","path":"/n","value":1.0},{"op":"test","path":"/o","value":{"b":[1,{"c":null}],"a":"x"}}]
            """)!;

        var result = JsonPatch.Apply(JsonNode.Parse("""{"n":1,"o":{"a":"x","b":[1,{"c":null}]}}"""), patch);

        JsonAssert.Equal("""{"n":1,"o":{"a":"x","b":[1,{"c":null}]}}""", result);
    }

    [Fact]
    public void Apply_EmptyPathOperations_WorkOnWholeDocument()
    {
        var patch = JsonNode.Parse("""
            [{"op":"replace","path":"","value":{"a":[]}},{"op":"add","path":"/a/-","value":"x"},{"op":"test","path":"","value":{"a":["x"]}}]
            """)!;

        var result = JsonPatch.Apply(JsonNode.Parse("""{"old":true}"""), patch);

        JsonAssert.Equal("""{"a":["x"]}""", result);
    }

    [Fact]
    public void Apply_EscapedKeys_AddressMembersWithSlashAndTilde()
    {
        var patch = JsonNode.Parse("""
            [{"op":"add","path":"/metadata/annotations/example.com~1team","value":"a"},
             {"op":"replace","path":"/metadata/annotations/x~0y","value":"b"}]
            """)!;

        var result = JsonPatch.Apply(JsonNode.Parse("""{"metadata":{"annotations":{"x~y":"old"}}}"""), patch);

        JsonAssert.Equal("""{"metadata":{"annotations":{"x~y":"b","example.com/team":"a"}}}""", result);
    }

    [Fact]
    public void Apply_MoveWithinArray_ToSamePlace_KeepsArray()
    {
        var result = JsonPatch.Apply(
            JsonNode.Parse("""{"a":[1,2,3]}"""),
            JsonNode.Parse("""[{"op":"move","from":"/a/0","path":"/a/0"}]""")!);

        JsonAssert.Equal("""{"a":[1,2,3]}""", result);
    }
}
