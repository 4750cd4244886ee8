package io.github.nemosdk.examples.cli;

import io.github.nemosdk.Product;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the global options, output, progress and the connection. */
abstract class BaseCommand implements Callable<Integer> {
    final NemoCli root;

    @Spec
    CommandSpec spec;

    BaseCommand(NemoCli root) {
        this.root = root;
    }

    Output output() {
        return root.output();
    }

    Progress progress() {
        return root.progress();
    }

    Connection connect(Product product) {
        return root.connect(product);
    }

    CliContext context() {
        return root.context();
    }

    /**
     * A command line error (exit code 2) for this command.
     *
     * @param message what is wrong
     * @return the exception to throw
     */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The {@code --product} option, shared by the commands that talk for a product. */
    static final class ProductOption {
        @CommandLine.Option(names = "--product", paramLabel = "PRODUCT", defaultValue = "add-music",
                converter = ProductConverter.class, completionCandidates = Products.class,
                description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
        Product product;
    }

    /** Converts {@code --product} values: the products' attribution sources. */
    static final class ProductConverter implements CommandLine.ITypeConverter<Product> {
        @Override
        public Product convert(String value) {
            for (Product p : Products.CHOICES) {
                if (p.source().equalsIgnoreCase(value.trim())) {
                    return p;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a product; use one of "
                    + String.join(", ", new Products()));
        }
    }

    /** The products {@code --product} accepts, for help and completion. */
    static final class Products implements Iterable<String> {
        static final Product[] CHOICES = {Product.TIKTOK_ADD_MUSIC, Product.ADD_MUSIC, Product.ADD_MUSIC_AI,
            Product.MUSIC_MAKER};

        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(CHOICES).map(Product::source).iterator();
        }
    }
}
