// Stand-in for Jenkins' com.cloudbees.groovy.cps.NonCPS (the harness does not CPS-transform anything,
// so the marker only has to exist; Jenkins imports it implicitly, and so does the harness).
package com.cloudbees.groovy.cps

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

@Retention(RetentionPolicy.RUNTIME)
@Target([ElementType.METHOD, ElementType.CONSTRUCTOR])
@interface NonCPS {
}
