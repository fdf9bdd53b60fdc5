package org.relais.app.consistency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models (processing groups) a GET endpoint reads, on the method or its controller: a read with
 * {@code Relais-Consistent-With} waits for these only. An empty list says the endpoint reads the event store or the
 * write side's own tables, which hold a command's events once it is answered: such a read never waits. An endpoint
 * without it waits for every read model.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReadsFrom {

    String[] value();
}
