package dev.flecto.r2dbc;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A statement's result: its rows decoded are counted and timed, and its end tells the event. */
final class ObservedResult implements Result {
  private final Result real;
  private final Observed.Probe probe;

  ObservedResult(Result real, Observed.Probe probe) {
    this.real = real;
    this.probe = probe;
  }

  @Override
  public Publisher<Long> getRowsUpdated() {
    return Mono.from(real.getRowsUpdated()).doOnNext(probe::updated)
        .doOnSuccess(n -> probe.completed()).doOnError(probe::failed).doOnCancel(probe::cancelled);
  }

  @Override
  public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
    return ended(real.map((row, meta) -> {
      long t = System.nanoTime();
      T v = mapping.apply(row, meta);
      probe.decoded(t);
      return v;
    }));
  }

  @Override
  public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
    return ended(real.map((Readable row) -> {
      long t = System.nanoTime();
      T v = mapping.apply(row);
      probe.decoded(t);
      return v;
    }));
  }

  @Override
  public Result filter(Predicate<Segment> filter) {
    return new ObservedResult(real.filter(filter), probe);
  }

  @Override
  public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
    return ended(real.flatMap(mapping));
  }

  private <T> Flux<T> ended(Publisher<T> rows) {
    return Flux.from(rows).doOnComplete(probe::completed).doOnError(probe::failed).doOnCancel(probe::cancelled);
  }
}
