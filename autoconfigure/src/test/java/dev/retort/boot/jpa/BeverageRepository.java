package dev.retort.boot.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data repository over the table only a revision creates. */
public interface BeverageRepository extends JpaRepository<Beverage, Integer> {

}
