/// What a question asks and how its answer is computed: the extension point of the grader.
///
/// A kind reads the question's parameters (already drawn for one student), computes the
/// expected answer with the engine, and lists what known mistakes would give, so a wrong
/// answer can be named. It never sees a submission. To add a kind, write a type conforming
/// to this protocol in `Sources/LessonGrader/Kinds/` and add it to `QuestionKinds.all`.
public protocol QuestionKind {
    /// The word of `kind:` in an exercise file (`param-count`).
    static var name: String { get }
    /// One line for `lesson exercise kinds` and errors: what the kind asks.
    static var summary: String { get }
    /// The parameter keys this kind reads; any other key is reported as a typo.
    static var keys: [String] { get }
    /// Computes the expected answer, the working and the known mistakes from the parameters.
    static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion
}

/// Every question kind the grader knows, by name.
public enum QuestionKinds {
    /// The kinds, in the order help lists them. Add new kinds here.
    public static var all: [any QuestionKind.Type] {
        [
            ParamCountKind.self,
            OutputShapeKind.self,
            OutputSizeKind.self,
            Conv2DOutputKind.self,
            Conv2DCellKind.self,
            ChoiceKind.self,
            Pool2DOutputKind.self,
            BackpropKind.self,
            // Issue 14: a kind for every convolution and network lesson.
            Conv1DOutputKind.self,
            Conv2DModeOutputKind.self,
            ConvTransposeOutputKind.self,
            ConvMatrixRowKind.self,
            SeparableParamsKind.self,
            Pool2DBackwardKind.self,
            Conv2DBackwardKind.self,
            MLPForwardKind.self,
            ActivationKind.self,
            AutodiffKind.self,
            PerceptronUpdateKind.self,
            ReceptiveFieldKind.self,
            // Issue 12: recurrent networks.
            RNNKind.self,
            LSTMGateKind.self,
            // Issue 13: training.
            GradientDescentKind.self,
            OptimizerPathKind.self,
        ]
    }

    /// The kind called `name`, if any.
    public static func kind(named name: String) -> (any QuestionKind.Type)? {
        all.first { $0.name == name }
    }
}
