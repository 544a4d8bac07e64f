package dev.flecto.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plan of {@link CancellationFuzzIT}: what a trial does (its operation, cut, failure, reads and
 * transaction steps), and what it records while it runs. Every random choice of a trial is drawn when
 * the trial is made, in trial order, so a seed gives the same trials (the timing of their cuts is the
 * machine's).
 */
final class FuzzPlan {
  private static final int PARENTS = 300;

  private FuzzPlan() {
  }


  enum Op {
    GET(false, 1), ALL(false, 1), INSERT(false, 1), UPDATE(false, 1), DELETE(false, 1), INSERT_ALL(false, 1),
    UPDATE_ALL(false, 1), DELETE_ALL(false, 1), AGGREGATE(false, 1), PRELOAD(false, 2), STREAM(false, 2),
    CHECKOUT(false, 1), TX(true, 5), TX_STREAM(true, 2), TX_MULTI(true, 2), TX_NESTED_MULTI(true, 1),
    CHECKOUT_TX(true, 1);

    final boolean pair;
    final int weight;

    Op(boolean pair, int weight) {
      this.pair = pair;
      this.weight = weight;
    }
  }

  private static final List<Op> WEIGHTED_OPS = weighted();

  private static List<Op> weighted() {
    List<Op> ops = new ArrayList<>();
    for (Op op : Op.values()) {
      for (int i = 0; i < op.weight; i++) {
        ops.add(op);
      }
    }
    return List.copyOf(ops);
  }

  enum Cut { TAKE, NEXT, TIMEOUT, ZIP_FAIL, DISPOSE, THROW_KTH, NONE }

  enum Failure { NONE, CONSTRAINT, ROLLBACK, INNER_ERROR }

  enum ReadKind { GET, ALL, AGGREGATE, PRELOAD, STREAM }

  enum StepKind { W1, W2, PAIR_ALL, READ, STREAM_UPDATES, UPDATE_OWN, TEMP_ROW, FAIL_CONSTRAINT, FAIL_ROLLBACK, FAIL_INNER }

  enum Second { PLAIN, NESTED_TX, NESTED_SAVEPOINT, NESTED_MULTI }

  /** One read: kind, the parents 1..n it reads (or the id it gets), the stream's chunk, the preloaded paths, a variant. */
  record Read(ReadKind kind, int n, int maxRows, String[] paths, boolean variant) {
    static Read random(Random r, boolean streamAllowed) {
      ReadKind kind = ReadKind.values()[r.nextInt(streamAllowed ? 5 : 4)];
      int n = 1 + r.nextInt(kind == ReadKind.GET ? PARENTS + 20 : kind == ReadKind.STREAM ? PARENTS : 120);
      int maxRows = 1 + r.nextInt(60);
      List<String> paths = new ArrayList<>(List.of("owner", "children", "tags"));
      Collections.shuffle(paths, r);
      String[] chosen = paths.subList(0, 2 + r.nextInt(2)).toArray(new String[0]);
      return new Read(kind, n, maxRows, chosen, r.nextBoolean());
    }

    static Read stream(Random r) {
      return new Read(ReadKind.STREAM, 1 + r.nextInt(PARENTS), 1 + r.nextInt(60), new String[0], false);
    }

    @Override
    public String toString() {
      switch (kind) {
        case GET:
          return "get(" + n + ")";
        case ALL:
          return "all(id<=" + n + ")";
        case AGGREGATE:
          return (variant ? "count" : "sum") + "(parent<=" + n + ")";
        case PRELOAD:
          return (variant ? "all(id<=" + n + ").preload" : "preload(all(id<=" + n + "))") + String.join("+", paths);
        case STREAM:
        default:
          return "stream(id<=" + n + ", maxRows " + maxRows + (variant ? ", preload children" : "") + ")";
      }
    }
  }

  record Step(StepKind kind, Read read, boolean cut, boolean savepoint) {
    @Override
    public String toString() {
      String s = kind == StepKind.READ || kind == StepKind.STREAM_UPDATES ? kind + " " + read : kind.toString();
      return s + (savepoint ? " in a savepoint" : "") + (cut ? " <-cut" : "");
    }
  }

  static final class Trial {
    final int index;
    final Op op;
    final Cut cut;
    final int cutN;
    final int cutMs;
    final Failure failure;
    final Read read;
    final Read read2;
    final int count;
    final Second second;
    final boolean inner;
    final List<Step> steps;
    final String description;

    volatile boolean committed;
    volatile Instant startedAt;
    volatile Instant endedAt;
    volatile String outcome = "never ran";
    volatile Throwable unexpected;
    volatile boolean singlesGone;
    final AtomicInteger singlesSeen = new AtomicInteger();
    final Set<Long> goneIds = ConcurrentHashMap.newKeySet();

    Trial(int index, Random r) {
      this.index = index;
      this.op = WEIGHTED_OPS.get(r.nextInt(WEIGHTED_OPS.size()));
      this.cut = Cut.values()[r.nextInt(Cut.values().length)];
      this.cutN = r.nextInt(r.nextBoolean() ? 3 : 40);
      this.cutMs = r.nextInt(21);
      int f = r.nextInt(100);
      this.failure = op.pair ? (f < 6 ? Failure.CONSTRAINT : f < 12 ? Failure.ROLLBACK : f < 18 ? Failure.INNER_ERROR : Failure.NONE)
          : op == Op.INSERT && f < 15 ? Failure.CONSTRAINT : Failure.NONE;
      boolean streamAllowed = op != Op.CHECKOUT; // a stream in a checkout would take a second connection
      Read drawn = Read.random(r, streamAllowed);
      ReadKind wanted = switch (op) {
        case GET -> ReadKind.GET;
        case ALL -> ReadKind.ALL;
        case AGGREGATE -> ReadKind.AGGREGATE;
        case PRELOAD -> ReadKind.PRELOAD;
        case STREAM -> ReadKind.STREAM;
        default -> drawn.kind;
      };
      this.read = new Read(wanted, wanted == drawn.kind ? drawn.n : 1 + drawn.n % (wanted == ReadKind.STREAM ? PARENTS : 120),
          drawn.maxRows, drawn.paths, drawn.variant);
      this.read2 = Read.random(r, false);
      this.count = 1 + r.nextInt(20);
      this.second = Second.values()[r.nextInt(Second.values().length)];
      boolean wantInner = r.nextBoolean();
      List<Step> plan = new ArrayList<>();
      boolean innerCut = false;
      if (op == Op.TX || op == Op.TX_STREAM || op == Op.CHECKOUT_TX) {
        int k = 1 + r.nextInt(5);
        if (op == Op.TX_STREAM) {
          k = Math.max(k, 3);
        }
        if (k == 1) {
          plan.add(new Step(StepKind.PAIR_ALL, null, false, false));
        } else {
          plan.add(new Step(StepKind.W1, null, false, false));
          plan.add(new Step(StepKind.W2, null, false, false));
          for (int j = 2; j < k; j++) {
            StepKind kind = op == Op.TX_STREAM && j == 2 ? StepKind.STREAM_UPDATES
                : List.of(StepKind.READ, StepKind.READ, StepKind.UPDATE_OWN, StepKind.TEMP_ROW).get(r.nextInt(4));
            Read stepRead = kind == StepKind.READ ? Read.random(r, true) : kind == StepKind.STREAM_UPDATES ? Read.stream(r) : null;
            plan.add(new Step(kind, stepRead, false, false));
          }
          Collections.shuffle(plan, r);
        }
        List<Integer> reads = new ArrayList<>();
        for (int j = 0; j < plan.size(); j++) {
          if (plan.get(j).read() != null) {
            reads.add(j);
          }
        }
        if (wantInner && !reads.isEmpty()) {
          int j = reads.get(r.nextInt(reads.size()));
          Step s = plan.get(j);
          plan.set(j, new Step(s.kind(), s.read(), true, false));
          innerCut = true;
        }
        if (failure == Failure.INNER_ERROR) {
          plan.add(r.nextInt(plan.size() + 1), new Step(StepKind.FAIL_INNER, null, false, r.nextBoolean()));
        } else if (failure == Failure.CONSTRAINT) {
          plan.add(new Step(StepKind.FAIL_CONSTRAINT, null, false, false));
        } else if (failure == Failure.ROLLBACK) {
          plan.add(new Step(StepKind.FAIL_ROLLBACK, null, false, false));
        }
      } else if (op == Op.TX_MULTI || op == Op.TX_NESTED_MULTI) {
        innerCut = wantInner;
      }
      this.inner = innerCut;
      this.steps = List.copyOf(plan);
      this.description = describe();
    }

    private String describe() {
      StringBuilder sb = new StringBuilder(op.toString());
      switch (op) {
        case GET, ALL, AGGREGATE, PRELOAD, STREAM -> sb.append(' ').append(read);
        case INSERT_ALL, UPDATE_ALL, DELETE_ALL -> sb.append(" of ").append(count);
        case CHECKOUT -> sb.append(" [").append(read).append(", insert, ").append(read2).append(']');
        case TX, TX_STREAM, CHECKOUT_TX -> sb.append(' ').append(steps).append(steps.size() > 1 ? ", second row " + second : "");
        case TX_MULTI, TX_NESTED_MULTI -> sb.append(" [read ").append(read).append(']');
        default -> { }
      }
      if (failure != Failure.NONE) {
        sb.append(", fails by ").append(failure);
      }
      sb.append(", cut ").append(cut);
      switch (cut) {
        case TAKE -> sb.append('(').append(cutN).append(')');
        case TIMEOUT, DISPOSE -> sb.append('(').append(cutMs).append(" ms)");
        case ZIP_FAIL -> sb.append("(after ").append(cutN).append(" items, ").append(cutMs).append(" ms)");
        case THROW_KTH -> sb.append("(at ").append(cutN + 1).append(')');
        default -> { }
      }
      if (op.pair) {
        sb.append(inner ? " around an inner read" : " around the whole");
      }
      return sb.toString();
    }
  }
}
