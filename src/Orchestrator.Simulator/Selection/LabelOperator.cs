namespace Orchestrator.Simulator.Selection;

/// <summary>The operators of a label selector requirement (k8s.io/apimachinery/pkg/selection).</summary>
internal enum LabelOperator
{
    Equal,
    DoubleEqual,
    NotEqual,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}
