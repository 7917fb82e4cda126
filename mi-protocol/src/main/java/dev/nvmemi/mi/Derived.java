package dev.nvmemi.mi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public no-argument method of a message or structure record as a derived value that
 * belongs in its rendered (JSON) form beside the record components: converted units
 * ({@code ctempCelsius}), named bit sets ({@code warningsActive}), names for enumerations.
 *
 * <p>Record components carry the spec's abbreviations in lower camel case ({@code ctemp},
 * {@code pdlu}, {@code ccs}); derived methods carry readable names with the unit in the name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Derived {}
