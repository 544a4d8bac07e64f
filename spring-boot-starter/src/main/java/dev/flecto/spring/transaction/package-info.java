/**
 * Flecto's transactions and Spring's reactive transactions as one: {@link
 * dev.flecto.spring.transaction.SpringTransactions} lets a Repo join an {@code @Transactional}
 * method's transaction, and Spring's code join a {@code repo.transact}'s.
 *
 * <pre>{@code Repo repo = R2dbcRepos.of(pool, RepoOptions.defaults(), new SpringTransactions(pool)); }</pre>
 */
package dev.flecto.spring.transaction;
