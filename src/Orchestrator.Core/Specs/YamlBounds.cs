using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Core.Specs;

/// <summary>
/// Checks the shape of a YAML text on the parser's event stream, which needs no recursion, before it is loaded into
/// nodes, which does: loading recurses once per level of nesting (so deep nesting overflows the stack and kills the
/// process), and hashing a mapping key walks every node its aliases reach (so a few lines of aliases expanding to
/// billions of nodes, or an alias to the node that holds it, never finish).
/// </summary>
internal static class YamlBounds
{
    /// <summary>A spec nests three levels deep; anything past this is not a spec.</summary>
    public const int MaximumDepth = 32;

    /// <summary>A spec has a few dozen values, counted with every alias expanded.</summary>
    public const int MaximumNodes = 10_000;

    /// <summary>What makes the text unfit to load ("line N: ..."), or null. Malformed YAML throws <see cref="YamlException"/>.</summary>
    public static string? Problem(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, int>(StringComparer.Ordinal);
        var open = new Stack<(AnchorName Anchor, int Nodes)>();
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            int nodes;
            AnchorName anchor;
            switch (current)
            {
                case DocumentStart:
                    // Anchors are scoped to their document.
                    anchors.Clear();
                    continue;
                case SequenceStart or MappingStart:
                    if (open.Count == MaximumDepth)
                    {
                        return $"line {current.Start.Line}: nested more than {MaximumDepth} levels deep";
                    }

                    open.Push((((NodeEvent)current).Anchor, 1));
                    continue;
                case SequenceEnd or MappingEnd:
                    (anchor, nodes) = open.Pop();
                    break;
                case Scalar scalar:
                    (anchor, nodes) = (scalar.Anchor, 1);
                    break;
                case AnchorAlias alias:
                    // YAML allows an alias only to a node anchored, and complete, before it.
                    if (!anchors.TryGetValue(alias.Value.Value, out nodes))
                    {
                        return $"line {current.Start.Line}: alias *{alias.Value.Value} does not refer to an earlier, complete node";
                    }

                    anchor = AnchorName.Empty;
                    break;
                default:
                    continue;
            }

            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = nodes;
            }

            if (open.Count > 0)
            {
                var (parentAnchor, parentNodes) = open.Pop();
                nodes = (int)Math.Min((long)parentNodes + nodes, MaximumNodes + 1L);
                open.Push((parentAnchor, nodes));
            }

            if (nodes > MaximumNodes)
            {
                return $"line {current.Start.Line}: expands to more than {MaximumNodes} values through its aliases";
            }
        }

        return null;
    }
}
