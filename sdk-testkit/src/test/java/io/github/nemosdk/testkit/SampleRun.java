package io.github.nemosdk.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs sample test classes through a JUnit Platform launcher, to check how the extension behaves in
 * a real run, failures included. Samples carry {@code @ExtendWith(SampleRun.OnlyInSampleRuns.class)}
 * so that they are skipped when an IDE or build runs them directly.
 */
final class SampleRun {

    private static final String SAMPLE_RUN = "nemo.testkit.sampleRun";

    /** One finished test or container. */
    static final class Outcome {
        final String displayName;
        final boolean container;
        final TestExecutionResult.Status status;
        final Throwable failure;

        Outcome(TestIdentifier id, TestExecutionResult result) {
            this.displayName = id.getDisplayName();
            this.container = id.isContainer();
            this.status = result.getStatus();
            this.failure = result.getThrowable().orElse(null);
        }

        @Override
        public String toString() {
            return displayName + ": " + status + (failure == null ? "" : " (" + failure + ")");
        }
    }

    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    private SampleRun() {
    }

    static SampleRun of(Class<?> sample) {
        SampleRun run = new SampleRun();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(sample))
                .configurationParameter(SAMPLE_RUN, "true").build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.getSource().isPresent()) { // not the engine
                            run.outcomes.add(new Outcome(id, result));
                        }
                    }
                });
        return run;
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    List<Outcome> tests() {
        List<Outcome> tests = new ArrayList<>();
        for (Outcome o : outcomes()) {
            if (!o.container) {
                tests.add(o);
            }
        }
        return tests;
    }

    List<Outcome> failures() {
        List<Outcome> failed = new ArrayList<>();
        for (Outcome o : outcomes()) {
            if (o.status != TestExecutionResult.Status.SUCCESSFUL) {
                failed.add(o);
            }
        }
        return failed;
    }

    /** Enables a sample only inside {@link SampleRun#of}. */
    static final class OnlyInSampleRuns implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SAMPLE_RUN).isPresent()
                    ? ConditionEvaluationResult.enabled("run by SampleRun")
                    : ConditionEvaluationResult.disabled("a sample that a test runs through SampleRun");
        }
    }
}
