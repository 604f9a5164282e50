package dev.retort.boot.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Mapped to the table revision aaaa00000001 creates: only Retort ever creates it. */
@Entity
@Table(name = "beverages")
public class Beverage {

	@Id
	private Integer id;

	private String name;

	protected Beverage() {
	}

	public Beverage(Integer id, String name) {
		this.id = id;
		this.name = name;
	}

	public Integer getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

}
