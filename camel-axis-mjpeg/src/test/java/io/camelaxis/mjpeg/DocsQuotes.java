package io.camelaxis.mjpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The options of a component that the project's pages (README.md and docs/*.md, read from a module's directory) quote
 * by hand: in {@code camel.component.SCHEME.*} properties and in {@code SCHEME:...?a=b&c=d} URIs. Shared by the docs
 * tests of the modules that have a component, which check each against their catalog.
 */
public final class DocsQuotes {

    private static final Pattern URI_OPTION = Pattern.compile("(?:^|&)([A-Za-z]+)=");

    /** One quoted option: the page, the option's name as the catalog spells it, and the text that quotes it. */
    public record Quote(String page, String option, String quotedAs) {
    }

    private DocsQuotes() {
    }

    /** The component options quoted as {@code camel.component.SCHEME.kebab-name}, named in camel case. */
    public static List<Quote> componentProperties(String scheme) throws IOException {
        Pattern property = Pattern.compile("camel\\.component\\." + Pattern.quote(scheme) + "\\.([A-Za-z0-9-]+)");
        List<Quote> quotes = new ArrayList<>();
        for (Path page : pages()) {
            for (Matcher m = property.matcher(Files.readString(page)); m.find();) {
                quotes.add(new Quote(page.getFileName().toString(), camelCase(m.group(1)), m.group()));
            }
        }
        return quotes;
    }

    /** The endpoint options quoted in the query of a {@code SCHEME:} URI. */
    public static List<Quote> uriOptions(String scheme) throws IOException {
        Pattern uri = Pattern.compile(Pattern.quote(scheme) + ":[^\\s\"`)?]*\\?([^\\s\"`]+)");
        List<Quote> quotes = new ArrayList<>();
        for (Path page : pages()) {
            for (Matcher m = uri.matcher(Files.readString(page)); m.find();) {
                for (Matcher o = URI_OPTION.matcher(m.group(1)); o.find();) {
                    quotes.add(new Quote(page.getFileName().toString(), o.group(1), m.group()));
                }
            }
        }
        return quotes;
    }

    /** README.md and every page under docs/, from a module's directory. */
    public static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String camelCase(String kebab) {
        StringBuilder name = new StringBuilder();
        for (String word : kebab.split("-")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }
}
